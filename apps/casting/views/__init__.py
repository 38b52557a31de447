"""Casting's pages: roles (`roles.py`: the list, the breakdown PDF and exports, a role with its
submissions and shortlist) and people (`people.py`: actors, their files and unavailable dates,
agencies and their agents)."""
