"""Crew pages, by part of the job: setup (departments, positions, people), hiring (openings and
the board), deal memos (and the public link), and the crew list."""
