"""Rate limits per token (or per signed-in user): every request counts against API_RATE, and a
request that changes something against API_WRITE_RATE as well. Over either, 429 with
Retry-After.

The counters live in the database cache with the pages' rate limits (settings.CACHES
"ratelimit", see producer_desk/ratelimits.py): shared by every gunicorn worker, and holding while
Redis is down. Rates take the same form as the pages' (`300/m`, `5/15m`).
"""

from __future__ import annotations

import re

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

_RATE = re.compile(r"^([0-9]+)/([0-9]*)([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(rate: str) -> tuple[int, int]:
    """(requests, seconds) of a rate like `300/m` or `5/15m`."""
    found = _RATE.match(rate.strip())
    if found is None:
        raise ValueError(f"not a rate: {rate!r}")
    count, multiplier, unit = found.groups()
    return int(count), int(multiplier or 1) * _SECONDS[unit]


class RequestRate(SimpleRateThrottle):
    scope = "api"

    def __init__(self) -> None:
        self.cache = caches["ratelimit"]
        super().__init__()

    def get_rate(self) -> str | None:
        # Read on every request (DRF's own reads the settings once, at import).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def parse_rate(self, rate):
        return (None, None) if rate is None else parse(rate)

    def applies(self, request) -> bool:
        return True

    def get_cache_key(self, request, view) -> str | None:
        if not self.applies(request):
            return None
        token = request.auth
        if token is not None and hasattr(token, "pk"):
            ident = f"token-{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class WriteRate(RequestRate):
    scope = "api_write"

    def applies(self, request) -> bool:
        return request.method not in ("GET", "HEAD", "OPTIONS")
