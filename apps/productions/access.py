"""The one access layer for every page under /p/<production-slug>/.

A view declares its access in one line:

    @production_view(C.VIEW_VENDORS, C.MANAGE_VENDORS, scope=...)

`read` is what a safe request (GET, HEAD) needs, `write` what every other method needs (the same
as `read` when left out); either may be a tuple of capabilities that are all needed. The layer
resolves the production from the URL, the signed-in user's membership and its role, then answers:
anonymous → the login page; not a member → 404 (a non-member cannot tell the production exists);
a member without the capability for the method → 403. An optional `scope` hook then decides for
the object the URL names (see `Reach`): 404 when it does not exist for this member, 403 when it is
another department's, or when it may be seen but not changed and the request would change it.
The view finds `request.production` and `request.membership` set, and fetches every object
through `request.production`. No view checks a capability or a role itself
(tests/test_access_matrix.py reads their source); a template may still ask `can` whether to show
a field.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from apps.core.forms import plain_int
from apps.productions.capabilities import CAPABILITY_ROLES, Capability, Role
from apps.productions.models import Membership, Production

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NOT_YOUR_DEPARTMENT = "This belongs to another department: department heads see their own only."
OFFICE_ONLY = "Only the production office changes this."
READ_ONLY = "You may see this, not change it."


class ProductionRequest(HttpRequest):
    """For type checkers: what a production view's request carries."""

    production: Production
    membership: Membership


class Reach(enum.IntEnum):
    """How far a member reaches an object, as a scope hook answers it."""

    HIDDEN = 0  # 404: the object does not exist for this member
    REFUSED = 1  # 403: it exists, but belongs to someone else's scope (another department)
    READ = 2  # may see it; a change is refused with 403
    WRITE = 3  # may see and change it


# A scope hook: given the request (production and membership set) and the URL's keyword
# arguments, how far the member reaches the object they name.
ScopeHook = Callable[..., Reach]


def get_membership(user, production_slug: str) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("production", "user", "department")
        .filter(production__slug=production_slug, user=user)
        .first()
    )


def needs(capabilities: Capability | str | Iterable) -> frozenset[Capability]:
    """One capability, or several that are all needed, as a set."""
    if isinstance(capabilities, str):
        return frozenset({Capability(capabilities)})
    return frozenset(Capability(c) for c in capabilities)


def roles_for(capabilities: frozenset[Capability]) -> frozenset[Role]:
    """The roles that hold every one of these capabilities."""
    roles = frozenset(Role)
    for capability in capabilities:
        roles &= CAPABILITY_ROLES[capability]
    return roles


def _refusal(missing: list[Capability]) -> str:
    labels = "; ".join(sorted(c.label for c in missing))
    return f"Your role does not allow this ({labels})."


def enter(
    request: HttpRequest,
    production_slug: str,
    read_needs: frozenset[Capability],
    write_needs: frozenset[Capability],
    scope: ScopeHook | None = None,
    **kwargs,
) -> Membership:
    """The access check itself, for a signed-in user: Http404 for a non-member, PermissionDenied
    for a member without the method's capability or beyond the scope hook's reach. On the way in
    it sets `request.production` and `request.membership`. `production_view` calls it for pages;
    the REST API (apps/api/access.py) calls it for endpoints, so both answer alike."""
    membership = get_membership(request.user, production_slug)
    if membership is None:
        raise Http404("No production here.")
    safe = request.method in SAFE_METHODS
    needs = read_needs if safe else write_needs
    missing = [capability for capability in needs if not membership.can(capability)]
    if missing:
        raise PermissionDenied(_refusal(missing))
    request.production = membership.production
    request.membership = membership
    if scope is not None:
        reach = scope(request, **kwargs)
        if reach == Reach.HIDDEN:
            raise Http404("No such object.")
        if reach == Reach.REFUSED:
            raise PermissionDenied(getattr(scope, "refusal", NOT_YOUR_DEPARTMENT))
        if reach == Reach.READ and not safe:
            raise PermissionDenied(READ_ONLY)
    return membership


def production_view(
    read: Capability | str | Iterable,
    write: Capability | str | Iterable | None = None,
    *,
    scope: ScopeHook | None = None,
) -> Callable:
    read_needs = needs(read)
    write_needs = read_needs if write is None else needs(write)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, production_slug: str, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            enter(request, production_slug, read_needs, write_needs, scope, **kwargs)
            return view(request, *args, **kwargs)

        # Read by the access matrix test and the query budget.
        wrapped.read_capabilities = read_needs
        wrapped.write_capabilities = write_needs
        wrapped.production_scope = scope
        return wrapped

    return decorator


def pk_or_404(value) -> int:
    """An object id taken from a form or query string. Anything but a plain decimal number (a path,
    `²`, an empty string) is a missing object, not a server error."""
    number = plain_int(value or "")
    if number is None:
        raise Http404("No such object.")
    return number


# --- Department scope ---------------------------------------------------------------------------
# A department head works in one department: their membership's `department` (a key, so renaming
# the department changes nothing about who sees what). Everyone else sees every department.


# A department head without a department (the database refuses one) sees no department's rows.
NO_DEPARTMENT = 0


def own_department(membership: Membership) -> int | None:
    """The id of the department a member is limited to, or None when they see every department."""
    if membership.role == Role.DEPARTMENT_HEAD:
        return membership.department_id or NO_DEPARTMENT
    return None


def scoped(membership: Membership, queryset: QuerySet, path: str = "department") -> QuerySet:
    """`queryset` limited to the member's department; `path` leads from its rows to a Department."""
    limit = own_department(membership)
    if limit is None:
        return queryset
    return queryset.filter(**{path: limit})


def in_department(membership: Membership, department_id: int | None) -> bool:
    limit = own_department(membership)
    return limit is None or department_id == limit


def department_scope(model: type[Model], path: str, *, kwarg: str = "pk") -> ScopeHook:
    """A scope hook for a URL naming a `model` row by `kwarg`: a department head reaches only the
    rows whose `path` leads to their department (403 for another department's, 404 for a row that
    does not exist). Others pass untouched, without a query: the view's own fetch answers 404."""

    def hook(request: ProductionRequest, **kwargs) -> Reach:
        if own_department(request.membership) is None:
            return Reach.WRITE
        rows = model._default_manager.filter(production=request.production, pk=kwargs[kwarg])
        found = list(rows.values_list(path, flat=True)[:1])
        if not found:
            return Reach.HIDDEN
        return Reach.WRITE if in_department(request.membership, found[0]) else Reach.REFUSED

    hook.model, hook.department_path = model, path  # read by the access matrix test
    return hook


def office_only(request: ProductionRequest, **kwargs) -> Reach:
    """A scope hook for what only the production office changes (the list of departments)."""
    return Reach.WRITE if own_department(request.membership) is None else Reach.REFUSED


office_only.refusal = OFFICE_ONLY
