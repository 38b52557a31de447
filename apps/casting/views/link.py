"""A role's submission link: the office makes (shown once) or revokes it; agents open it without
an account and submit their actors (rate limited and kept out of the logs: producer_desk/urls.py,
producer_desk/redaction.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from apps.casting import links, queries
from apps.casting.errors import CastingError
from apps.casting.forms import LinkSubmissionForm
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def link_issue(request: ProductionRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(queries.role_for(request.production, pk))
    outcome = run_service(request, links.link_issue, role=role, user=request.user)
    if outcome:
        url = request.build_absolute_uri(reverse("casting_submit", args=[outcome.value]))
        messages.success(
            request,
            f"The agents' link for {role.name} (copy it now, it is shown once): {url}",
        )
    return redirect(production_url(request, "casting:role", pk=pk))


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def link_revoke(request: ProductionRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(queries.role_for(request.production, pk))
    links.link_revoke(role=role)
    messages.success(request, f"The agents' link for {role.name} no longer works.")
    return redirect(production_url(request, "casting:role", pk=pk))


def _problem(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    context = {"problem": problem, "heading": "Submissions"}
    return render(request, "casting/auditions/link_problem.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest, token: str) -> HttpResponse:
    """An agent submits an actor for the role, without an account."""
    try:
        link = links.link_for_token(token)
    except CastingError as exc:
        return _problem(request, exc.message, 404)
    form = LinkSubmissionForm(request.POST or None, request.FILES or None)
    done = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = {key: data.pop(key) for key in ("headshot", "resume") if data.get(key)}
        data.pop("headshot", None), data.pop("resume", None)
        outcome = run_service(
            request, links.link_submit, token=token, files=files, form=form, **data
        )
        if outcome:
            done, form = outcome.value, LinkSubmissionForm()
    context = {"link": link, "form": form, "done": done}
    return render(request, "casting/link_submit.html", context, status=400 if form.errors else 200)
