"""Query-string text reaches the views without NUL bytes (apps/core/middleware.py)."""

from django.http import HttpResponse
from django.test import RequestFactory

from apps.core.middleware import QueryTextMiddleware


def _seen(query: str) -> dict:
    seen = {}

    def view(request):
        seen.update({name: request.GET.getlist(name) for name in request.GET})
        return HttpResponse()

    QueryTextMiddleware(view)(RequestFactory().get("/", QUERY_STRING=query))
    return seen


def test_a_nul_byte_is_dropped_from_every_name_and_value():
    assert _seen("q=nul%00byte&st%00atus=%00&tag=a&tag=b%00c") == {
        "q": ["nulbyte"],
        "status": [""],
        "tag": ["a", "bc"],
    }


def test_a_query_without_one_is_left_as_it_came():
    assert _seen("q=%25+ferry&page=2") == {"q": ["% ferry"], "page": ["2"]}
