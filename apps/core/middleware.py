"""Query-string text never holds a NUL byte.

Views read search boxes and filters straight from ``request.GET`` (``?q=``, ``?status=``, ``?tag=``)
and hand the text to the database. PostgreSQL refuses a string literal with a NUL byte in it, so
``?q=%00`` would be a server error on every such page; SQLite takes it. Forms already refuse NUL
(Django's ``ProhibitNullCharactersValidator``); query strings get no form, so the byte is dropped
here, once, for every view.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict


class QueryTextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = without_nul(request.GET)
        return self.get_response(request)


def without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned
