from apps.casting.offers.demo import seed_offers


def seed_casting(production, people, size: str) -> None:
    """The demo's casting (filled in below)."""
    seed_offers(production, people)  # offers, holds, two booked actors (after the roles)
