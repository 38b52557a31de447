"""Choice fields take a row's key from the browser: a key no row can have is an invalid choice."""

from __future__ import annotations

import pytest

from apps.core import forms as core_forms
from apps.productions.models import Production

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "key", ["-99999999999999999999999999", "99999999999999999999999999", "-1", "²", "x"]
)
def test_a_key_no_row_can_have_is_an_invalid_choice_not_a_server_error(production, key):
    one = core_forms.ModelChoiceField(queryset=Production.objects.all())
    many = core_forms.ModelMultipleChoiceField(queryset=Production.objects.all())
    assert not _valid(one, key)
    assert not _valid(many, [str(production.pk), key])
    assert one.clean(str(production.pk)) == production


def _valid(field, value) -> bool:
    from django.core.exceptions import ValidationError

    try:
        field.clean(value)
    except ValidationError as error:
        assert error.code in ("invalid_choice", "invalid_pk_value")
        return False
    return True


def test_the_scene_form_refuses_an_out_of_range_cast_key(ap_client, production):
    from django.urls import reverse

    url = reverse("schedules:scene_add", args=[production.slug])
    response = ap_client.post(
        url,
        {"number": "1", "int_ext": "INT", "set_name": "DINER", "time_of_day": "DAY",
         "cast": ["-99999999999999999999999999"]},
    )  # fmt: skip
    assert response.status_code == 200
