"""The OpenAPI 3 schema generates without a warning, validates against the OpenAPI 3 JSON schema
(drf-spectacular's own check), and names every endpoint; its reference page works with no
internet: Swagger UI's files come from the drf-spectacular-sidecar package, and its one script
from the page's own address (the Content Security Policy allows no inline script)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from tests.test_access_matrix import ROUTES, is_api

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return generated, GENERATOR_STATS


def test_the_schema_generates_without_warnings_or_errors(schema):
    _, stats = schema
    assert not stats._warn_cache and not stats._error_cache, (
        stats._warn_cache,
        stats._error_cache,
    )


def test_the_schema_validates_as_openapi_3(schema):
    generated, _ = schema
    validate_schema(generated)
    assert generated["openapi"].startswith("3.")


def test_the_schema_names_every_production_endpoint(schema):
    generated, _ = schema
    paths = set(generated["paths"])
    for route in ROUTES:
        if is_api(route):
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.route)
            path = path.replace("{pk}", "{id}")  # drf-spectacular names a primary key `id`
            assert path in paths, route.name


def test_the_schema_says_how_to_send_a_token(schema):
    generated, _ = schema
    assert generated["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_the_schema_is_served_to_anyone(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Producer Desk API"


def test_the_reference_page_loads_everything_from_this_site(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(source.startswith("/") for source in sources), sources
    assert "<script>" not in html  # no inline script: the policy would block it
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in sources
    script = next(source for source in sources if "script" in source and "?" in source)
    init = client.get(script)
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in init.content.decode()
