"""Rate limits on the pages an outsider can reach: sign-in, password reset and the tokened links.

The counters live in the database cache (`CACHES["ratelimit"]`), not in Redis: the database is the
one service no page works without, so the limits hold when Redis is down (and gunicorn's workers
share one count, which a per-process locmem cache would not). The rates are read from settings on
every request, so each is an environment variable (`RATELIMIT_*`, see settings.py and the README).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind the trusted proxy (BEHIND_PROXY=true) that is the last address
    the proxy appended to X-Forwarded-For; otherwise every client would share the proxy's count."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and forwarded.split(",")[-1].strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"


def axes_client_ip(request: HttpRequest) -> str | None:
    """The address django-axes records and locks by (AXES_CLIENT_IP_CALLABLE): the rate limits'
    client address, or None when it is not an IP address (axes stores it in an inet column, which
    PostgreSQL checks; a request without REMOTE_ADDR, such as a test's force_login, has none)."""
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def _username(group: str, request: HttpRequest) -> str:
    """E-mail addresses are case-insensitive here, so `AP@x` and `ap@x` share one count."""
    return str(request.POST.get("username", "")).strip().lower()


def _ip(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def limited(group: str, *, by: str = "ip", method: str | list[str] = ratelimit.ALL) -> Callable:
    """Decorate a view: over `settings.RATELIMIT_RATES[group]` it answers 429 (see
    `too_many_requests`). `by` is "ip" or "username" (the sign-in form's field)."""
    key = {"ip": _ip, "username": _username}[by]
    return ratelimit(group=f"{group}:{by}", key=key, rate=_rate_for(group), method=method)


def _rate_for(group: str) -> Callable[[str, HttpRequest], str]:
    def rate(_group: str, request: HttpRequest) -> str:
        return settings.RATELIMIT_RATES[group]

    return rate


def too_many_requests(request: HttpRequest, exception: Exception) -> HttpResponse:
    """RATELIMIT_VIEW: a page that says what happened, with status 429 and a Retry-After."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
