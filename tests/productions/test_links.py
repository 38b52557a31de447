"""One helper reverses a production's URLs (apps/productions/links.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import NoReverseMatch

from apps.productions.links import production_url
from tests.factories import ProductionFactory

pytestmark = pytest.mark.django_db


def test_a_production_url_is_reversed_from_the_production():
    production = ProductionFactory(slug="night-train")
    assert production_url(production, "productions:members") == "/p/night-train/members/"


def test_a_production_url_is_reversed_from_a_production_views_request():
    request = SimpleNamespace(production=ProductionFactory(slug="night-train"))
    assert production_url(request, "budgets:versions") == "/p/night-train/budget/versions/"


def test_the_urls_other_arguments_are_given_by_keyword():
    production = ProductionFactory(slug="night-train")
    assert production_url(production, "crew:memo", pk=7) == "/p/night-train/crew/memos/7/"


def test_a_url_that_needs_an_argument_it_was_not_given_is_refused():
    with pytest.raises(NoReverseMatch):
        production_url(ProductionFactory(), "crew:memo")
