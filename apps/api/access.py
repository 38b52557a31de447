"""The API's side of the one access layer (apps/productions/access.py).

Every endpoint under /api/p/<slug>/ is a `ProductionEndpoint`: it declares, as a page does in its
`@production_view` line, the capability to read and the one to change, and optionally the page's
scope hook:

    class Lines(ProductionEndpoint, generics.ListCreateAPIView):
        read, write = C.VIEW_BUDGET, C.EDIT_BUDGET

`ProductionAccess` then runs the pages' own check (`access.enter`) for the token's owner: a
non-member gets 404, a member without the capability 403, an object outside the scope hook's
reach 404 or 403. Only then does the endpoint run, with `request.production` and
`request.membership` set, and every queryset starts from the production (`get_queryset`).
A read-only token is refused every write (403) before anything else.

`as_view` leaves on the view what `@production_view` leaves (`read_capabilities`,
`write_capabilities`, `production_scope`), so tests/test_access_matrix.py walks the API's URLs as
it walks the pages'.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from rest_framework import exceptions, permissions
from rest_framework.generics import GenericAPIView

from apps.accounts.models import ApiToken
from apps.productions.access import ScopeHook, enter, needs
from apps.productions.capabilities import Capability

REQUIRED = "This field is required."
READ_ONLY_TOKEN = "This token is read only: it may not change anything."  # noqa: S105 - a message


@dataclass(frozen=True)
class Access:
    read: frozenset[Capability]
    write: frozenset[Capability]
    scope: ScopeHook | None = None


class ProductionAccess(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated()
        unsafe = request.method not in permissions.SAFE_METHODS
        if unsafe and isinstance(request.auth, ApiToken) and request.auth.read_only:
            raise exceptions.PermissionDenied(READ_ONLY_TOKEN)
        kwargs = dict(view.kwargs)
        slug = kwargs.pop("production_slug")
        access: Access = view.access
        # On Django's request, as a page's: what runs after the view (the data stamp that moves
        # after a write) finds the production there; DRF's request reads it through.
        enter(request._request, slug, access.read, access.write, access.scope, **kwargs)
        return True


class ProductionEndpoint(GenericAPIView):
    """The base of every production endpoint (see the module's doc)."""

    read: Capability | tuple = Capability.VIEW_PRODUCTION
    write: Capability | tuple | None = None
    scope: ScopeHook | None = None
    access: Access | None = None  # set by as_view from the three above
    permission_classes = [ProductionAccess]

    @classmethod
    def as_view(cls, **initkwargs):
        read = needs(cls.read)
        write = read if cls.write is None else needs(cls.write)
        access = Access(read, write, cls.scope)  # read on the class: a plain function
        view = super().as_view(access=access, **initkwargs)
        view.read_capabilities = access.read
        view.write_capabilities = access.write
        view.production_scope = access.scope
        return view

    def get_queryset(self):
        """The production's `rows`, then `narrow`ed by the view (to a budget version, say)."""
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the types
            return super().get_queryset().none()
        return self.narrow(self.rows(self.request.production))

    def rows(self, production):
        """The view's `queryset` within the production; a view may read an app's query instead
        (one that takes the production)."""
        return super().get_queryset().filter(production=production)

    def narrow(self, rows):
        return rows

    def incoming(self, serializer_class, *, partial: bool = False, required=()) -> dict:
        """The request's body checked by `serializer_class` (400 with field errors if not): what
        the view passes to the app's service. A partial body must still hold `required`."""
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        missing = [name for name in required if name not in serializer.validated_data]
        if missing:
            raise exceptions.ValidationError(dict.fromkeys(missing, [REQUIRED]))
        return serializer.validated_data

    def in_production(self, queryset, **lookup):
        """One object of `queryset` in this production, or 404."""
        return get_object_or_404(queryset, production=self.request.production, **lookup)
