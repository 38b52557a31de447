from datetime import date

import pytest


@pytest.fixture
def production(production):
    """The shared production, with fixed dates: first shoot day Monday 1 March 2027."""
    production.prep_start = date(2027, 2, 1)
    production.first_shoot_day = date(2027, 3, 1)
    production.wrap_date = date(2027, 4, 30)
    production.save()
    return production
