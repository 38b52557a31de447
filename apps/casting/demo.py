def seed_casting(production, people, size: str) -> None:
    """The demo's casting (filled in below)."""
    from apps.casting.auditions.demo import seed_auditions

    seed_auditions(production, reviewer=people.get("producer"))  # auditions: after roles, actors
