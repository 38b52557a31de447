"""Sides: the scenes of the imported script a role reads, printed as a PDF with the letterhead."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from apps.casting.auditions import services
from apps.casting.auditions.models import AuditionSides
from apps.casting.errors import CastingError
from tests import pdfs
from tests.factories import ProductionFactory
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db


def pdf_url(world, role) -> str:
    kwargs = {"production_slug": world.session.production.slug, "pk": world.session.pk}
    return reverse("casting:audition_sides_pdf", kwargs={**kwargs, "role_pk": role.pk})


def test_the_sides_pdf_holds_the_chosen_scenes_words(client, ap, world):
    services.sides_save(session=world.session, role=world.mara, scenes=world.scenes)
    client.force_login(ap)
    response = client.get(pdf_url(world, world.mara))
    assert response["Content-Type"] == "application/pdf"
    text = pdfs.words(pdfs.text(response.content, layout=False))
    assert "12. INT. FERRY CAR DECK - NIGHT" in text
    assert "We turn back now, or we never do." in text
    assert "14. EXT. HARBOUR - DAWN" in text and "It was always going to be the sea." in text
    assert "Sides" in text and "page 1 of 2" in text  # the letterhead; a page per scene
    assert world.session.production.title in text


def test_the_role_s_own_scenes_are_offered_first(client, ap, world):
    client.force_login(ap)
    url = reverse(
        "casting:audition_sides",
        kwargs={
            "production_slug": world.session.production.slug,
            "pk": world.session.pk,
            "role_pk": world.mara.pk,
        },
    )
    page = client.get(url).content.decode()
    one, two = world.scenes  # Mara's part is in scene 12 only; 14 is offered, not chosen
    boxes = {
        int(re.search(r'value="(\d+)"', tag).group(1)): tag
        for tag in re.findall(r'<input[^>]*name="scenes"[^>]*>', page)
    }
    assert set(boxes) == {one.pk, two.pk}  # every scene of the script is offered
    assert re.search(r"\schecked\b", boxes[one.pk]), boxes[one.pk]  # the role's own: ticked
    assert not re.search(r"\schecked\b", boxes[two.pk]), boxes[two.pk]
    client.post(url, {"scenes": [two.pk]})
    assert list(AuditionSides.objects.get().scenes.all()) == [two]


def test_no_pdf_before_scenes_are_chosen(client, ap, world):
    client.force_login(ap)
    assert client.get(pdf_url(world, world.deckhand)).status_code == 404


def test_another_productions_scene_is_refused(world):
    stranger = SceneFactory(production=ProductionFactory(), text="SECRET\nNot yours.")
    with pytest.raises(CastingError):
        services.sides_save(session=world.session, role=world.mara, scenes=[stranger])
