"""The one access layer for every page under /p/<production-slug>/.

`@production_view(capability)` resolves the production from the URL, the signed-in user's membership
and its role, then checks the capability the view declares:
anonymous → the login page; not a member → 404 (a non-member cannot tell the production exists);
a member without the capability → 403. The view then finds `request.production` and
`request.membership` set, and fetches every object through `request.production`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from apps.productions.capabilities import Capability
from apps.productions.models import Membership, Production


class ProductionRequest(HttpRequest):
    """For type checkers: what a production view's request carries."""

    production: Production
    membership: Membership


def get_membership(user, production_slug: str) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("production", "user")
        .filter(production__slug=production_slug, user=user)
        .first()
    )


def production_view(capability: Capability) -> Callable:
    capability = Capability(capability)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, production_slug: str, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = get_membership(request.user, production_slug)
            if membership is None:
                raise Http404("No production here.")
            if not membership.can(capability):
                raise PermissionDenied(f"Your role does not allow this ({capability.label}).")
            request.production = membership.production
            request.membership = membership
            return view(request, *args, **kwargs)

        wrapped.production_capability = capability  # read by the access matrix test
        return wrapped

    return decorator


def pk_or_404(value) -> int:
    """An object id taken from a form or query string. Anything but a plain decimal number (a path,
    `²`, an empty string) is a missing object, not a server error."""
    text = str(value or "")
    if not text.isascii() or not text.isdecimal():
        raise Http404("No such object.")
    return int(text)
