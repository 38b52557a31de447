"""`/healthz`: the smallest page of the stack, for a load balancer and for the load test's floor.

It goes through the whole middleware stack and makes one database query, so a 200 means gunicorn,
Django and PostgreSQL answer; it reads no production's data and needs no sign-in.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
