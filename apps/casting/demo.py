def seed_casting(production, people, size: str) -> None:
    """The demo's casting (filled in below)."""
