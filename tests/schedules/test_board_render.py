"""The stripboard draws 300 strips without a template per strip: the strips (and banners) are
prepared once in Python, so the number of templates rendered does not grow with the board."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from apps.schedules import services
from apps.schedules.models import BannerKind
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = pytest.mark.django_db


def board_url(production, query: str = "") -> str:
    return reverse("schedules:board", kwargs={"production_slug": production.slug}) + query


def fill(production, count: int, first: int = 100):
    day, _ = services.days_append(production=production, count=2)
    lead = production.cast.filter(id_number=1).first() or CastFactory(
        production=production, id_number=1
    )
    for n in range(count):
        scene = SceneFactory(production=production, number=str(first + n))
        scene.cast.add(lead)
        if n % 2:
            services.scene_move(
                production=production, scene_id=scene.pk, day_id=day.pk, position=99
            )
    services.banner_add(production=production, day_id=day.pk, kind=BannerKind.MEAL, text="Lunch")
    return day


def templates_rendered(response) -> list[str]:
    return [t.name for t in response.templates]


def test_the_templates_rendered_do_not_grow_with_the_strips(ap_client, production):
    fill(production, 4)
    few = templates_rendered(ap_client.get(board_url(production)))
    fill(production, 40, first=200)
    many = templates_rendered(ap_client.get(board_url(production)))
    assert len(many) == len(few)
    assert "schedules/_strip.html" not in many and "schedules/_banner.html" not in many


def test_every_strip_still_carries_what_the_board_script_and_people_use(ap_client, production):
    day = fill(production, 4)
    html = ap_client.get(board_url(production)).content.decode()
    strip = re.search(r'<li class="strip[^"]*"[^>]*data-testid="strip-101".*?</li>', html, re.S)
    assert strip, "strip 101 is drawn"
    text = strip.group(0)
    assert f'data-scene="{services_scene_pk(production, "101")}"' in text
    assert 'aria-label="Select scene 101"' in text  # multi-select
    assert 'aria-label="Move scene 101 to day number"' in text  # the keyboard/phone path
    assert 'name="csrfmiddlewaretoken"' in text
    assert '<span class="strip-cast">1</span>' in text
    assert 'value="bin"' in text  # a scheduled strip can go back to the bin
    assert 'data-testid="banner-' in html and "Lunch" in html
    assert f'data-day="{day.pk}"' in html


def services_scene_pk(production, number: str) -> int:
    return production.scenes.get(number=number).pk


def test_a_filter_dims_or_hides_the_strips_it_does_not_match(ap_client, production):
    fill(production, 4)
    html = ap_client.get(board_url(production, "?number=101")).content.decode()
    assert re.search(r'class="strip [^"]*strip-dim[^"]*"[^>]*data-number="100"', html)
    assert not re.search(r'class="strip [^"]*strip-dim[^"]*"[^>]*data-number="101"', html)
    hidden = ap_client.get(board_url(production, "?number=101&hide=on")).content.decode()
    assert re.search(r'class="strip [^"]*strip-hidden[^"]*"[^>]*data-number="100"', hidden)


def test_a_move_answers_with_the_same_strips_the_page_draws(ap_client, production):
    day = fill(production, 4)
    scene = production.scenes.get(number="100")
    answer = ap_client.post(
        reverse("schedules:move", kwargs={"production_slug": production.slug}),
        {"scene": scene.pk, "day": day.pk, "position": 0},
        HTTP_ACCEPT="application/json",
    )
    drawn = without_tokens(json.loads(answer.content)["lists"][str(day.pk)])
    page = without_tokens(ap_client.get(board_url(production)).content.decode())
    assert 'data-testid="strip-100"' in drawn and drawn in page


def without_tokens(html: str) -> str:
    """CSRF tokens are masked afresh for every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
