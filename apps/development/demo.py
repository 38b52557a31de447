"""Development's part of the demo (dev-a owns this module; this version only calls the finance
plan's and pitch package's seeders, to be reconciled)."""

from __future__ import annotations


def seed_development(production, people, size: str) -> None:
    from apps.development.finance.demo import seed_finance
    from apps.development.pitch.demo import seed_pitch

    seed_finance(production)
    seed_pitch(production)
