"""The one access line: the capability for the method, then the scope hook for the object."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from apps.productions.access import Reach, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.capabilities import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def call(view, production, user, method="get", **kwargs):
    request = getattr(RequestFactory(), method)("/")
    request.user = user
    return view(request, production.slug, **kwargs)


def test_reading_needs_the_read_capability_and_changing_the_write_one(production):
    @production_view(C.VIEW_SCHEDULE, C.EDIT_SCHEDULE)
    def page(request):
        return HttpResponse("ok")

    crew = member(production, Role.CREW)
    assert call(page, production, crew).status_code == 200
    assert call(page, production, crew, "head").status_code == 200
    with pytest.raises(PermissionDenied, match="Edit the breakdown and schedule"):
        call(page, production, crew, "post")
    assert call(page, production, member(production, Role.COORDINATOR), "post").status_code == 200


def test_a_tuple_needs_every_capability(production):
    @production_view((C.HIRE_CREW, C.VIEW_CREW_RATES))
    def page(request):
        return HttpResponse("ok")

    with pytest.raises(PermissionDenied, match=r"\(See rates and deal memos\)"):
        call(page, production, member(production, Role.DEPARTMENT_HEAD))
    assert call(page, production, member(production, Role.PRODUCTION_MANAGER)).status_code == 200


@pytest.mark.parametrize(
    "reach, method, outcome",
    [
        (Reach.HIDDEN, "get", Http404),
        (Reach.REFUSED, "get", PermissionDenied),
        (Reach.READ, "get", 200),
        (Reach.READ, "post", PermissionDenied),
        (Reach.WRITE, "post", 200),
    ],
)
def test_the_scope_hook_answers_for_the_object(production, reach, method, outcome):
    seen = {}

    def scope(request, pk):
        seen.update(pk=pk, production=request.production)
        return reach

    @production_view(C.VIEW_PRODUCTION, scope=scope)
    def page(request, pk):
        return HttpResponse("ok")

    user = member(production, Role.PRODUCER)
    if outcome == 200:
        assert call(page, production, user, method, pk=7).status_code == 200
    else:
        with pytest.raises(outcome):
            call(page, production, user, method, pk=7)
    assert seen == {"pk": 7, "production": production}
    assert page.production_scope is scope
