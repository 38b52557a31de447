"""Audition pages: the sessions, a session's slots grid, slots, invitations, ratings and notes,
callbacks and sides; and the public link an actor or agent answers an invitation with."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.casting.auditions import exports, queries, services
from apps.casting.auditions.forms import (
    CallbackForm,
    ReviewForm,
    SessionForm,
    SidesForm,
    SlotEditForm,
    SlotForm,
)
from apps.casting.auditions.models import AuditionReview, AuditionSession, AuditionSlot
from apps.casting.auditions.sides import context_of, filename_of, heading_of
from apps.casting.errors import CastingError
from apps.core.exports import export_response, format_or_404
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

VIEW, EDIT, REVIEW = C.VIEW_CASTING, C.EDIT_CASTING, C.RANK_SHORTLISTS


def _session(request: ProductionRequest, pk: int) -> AuditionSession:
    return get_object_or_404(
        AuditionSession.objects.select_related("follows", "production"),
        production=request.production,
        pk=pk,
    )


def _slot(request: ProductionRequest, pk: int) -> AuditionSlot:
    return get_object_or_404(
        AuditionSlot.objects.select_related("session", "role", "actor__agent__agency"),
        production=request.production,
        pk=pk,
    )


def _to_session(request: ProductionRequest, session_id: int) -> HttpResponse:
    return redirect(production_url(request, "casting:audition", pk=session_id))


@production_view(VIEW)
def session_list(request: ProductionRequest) -> HttpResponse:
    sessions = queries.sessions_of(request.production)
    return render(request, "casting/auditions/list.html", {"sessions": sessions})


@production_view(VIEW)
def session_list_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The sessions with their slots counted by state, as CSV or XLSX (no contacts in it)."""
    fmt = format_or_404(fmt)
    rows = exports.session_rows(queries.sessions_of(request.production))
    name = f"casting-{request.production.slug}-auditions"
    return export_response(fmt, name, exports.SESSION_HEADER, rows)


@production_view(VIEW, EDIT)
def session_new(request: ProductionRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.session_create, production=request.production,
            user=request.user, form=form, **form.cleaned_data,
        )  # fmt: skip
        if made:
            return _to_session(request, made.value.pk)
    return render(request, "casting/auditions/form.html", {"form": form, "title": "New session"})


@production_view(VIEW, EDIT)
def session_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("title", "date", "self_tape", "place", "notes")}
        session.refresh_from_db()  # the form wrote its values on the instance; the service saves
        if run_service(request, services.session_update, session=session, form=form, **data):
            return _to_session(request, session.pk)
    context = {"form": form, "title": f"Edit {session.title}", "session": session}
    return render(request, "casting/auditions/form.html", context)


@production_view(VIEW)
def session_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    slots = list(queries.slots_of(session))
    context = {
        "session": session,
        "rows": queries.grid(slots),
        "slot_count": len(slots),
        "roles": queries.roles_with_sides(session, slots),
        "callbacks": list(session.callbacks.all()),
        "show_contacts": request.membership.can(C.VIEW_TALENT_CONTACTS),
    }
    return render(request, "casting/auditions/detail.html", context)


@production_view(VIEW)
def session_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    """One session's slot grid, a row per slot; contacts only for who sees them."""
    fmt = format_or_404(fmt)
    session = _session(request, pk)
    header, rows = exports.slot_table(
        queries.slots_of(session), contacts=request.membership.can(C.VIEW_TALENT_CONTACTS)
    )
    name = f"casting-{request.production.slug}-audition-{session.pk}"
    return export_response(fmt, name, header, rows)


@production_view(VIEW, EDIT)
@require_POST
def session_invite(request: ProductionRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    sent = run_service(request, services.invitations_send, session=session)
    if sent:
        invited, problems = sent.value
        messages.success(request, f"{len(invited)} invitation(s) on their way.")
        for problem in problems:
            messages.warning(request, problem)
    return _to_session(request, session.pk)


@production_view(VIEW, EDIT)
def slot_new(request: ProductionRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = SlotForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            request, services.slot_add, session=session, form=form, **form.cleaned_data
        )
        if added:
            return _to_session(request, session.pk)
    context = {"form": form, "title": f"Add a slot: {session.title}", "session": session}
    return render(request, "casting/auditions/form.html", context)


@production_view(VIEW, EDIT)
def slot_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    slot = _slot(request, pk)
    form = SlotEditForm(request.POST or None, instance=slot)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        slot.refresh_from_db()
        if run_service(request, services.slot_update, slot=slot, form=form, **data):
            return _to_session(request, slot.session_id)
    title = f"Slot: {slot}"
    context = {"form": form, "title": title, "session": slot.session, "slot": slot}
    return render(request, "casting/auditions/form.html", context)


@production_view(VIEW, EDIT)
@require_POST
def slot_cancel(request: ProductionRequest, pk: int) -> HttpResponse:
    slot = _slot(request, pk)
    run_service(request, services.slot_cancel, slot=slot)
    return _to_session(request, slot.session_id)


@production_view(VIEW, EDIT)
@require_POST
def slot_invite(request: ProductionRequest, pk: int) -> HttpResponse:
    slot = _slot(request, pk)
    if run_service(request, services.slot_invite, slot=slot):
        messages.success(request, f"Invitation for {slot.actor.name} on its way.")
    return _to_session(request, slot.session_id)


@production_view(VIEW, REVIEW)
def slot_review(request: ProductionRequest, pk: int) -> HttpResponse:
    """Everyone's ratings and notes on one audition; the member's own, to write."""
    slot = _slot(request, pk)
    reviews = list(AuditionReview.objects.filter(slot=slot).select_related("reviewer"))
    mine = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
    initial = {"rating": mine.rating, "note": mine.note} if mine else None
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request, services.review_save, slot=slot, reviewer=request.user, form=form,
            **form.cleaned_data,
        )  # fmt: skip
        if saved:
            return redirect(production_url(request, "casting:audition_slot_review", pk=slot.pk))
    context = {"slot": slot, "session": slot.session, "reviews": reviews, "form": form}
    return render(request, "casting/auditions/review.html", context)


@production_view(VIEW, EDIT)
def callback_new(request: ProductionRequest, pk: int) -> HttpResponse:
    """Call back these actors: a further session following this one."""
    session = _session(request, pk)
    form = CallbackForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.callback_create, session=session, user=request.user, form=form,
            **form.cleaned_data,
        )  # fmt: skip
        if made:
            return _to_session(request, made.value.pk)
    context = {"form": form, "title": f"Call back from {session.title}", "session": session}
    return render(request, "casting/auditions/form.html", context)


def _sides_parts(request: ProductionRequest, pk: int, role_pk: int):
    session = _session(request, pk)
    role = get_object_or_404(queries.roles_of(request.production), pk=role_pk)
    return session, role, session.sides.filter(role=role).first()


@production_view(VIEW, EDIT)
def sides_edit(request: ProductionRequest, pk: int, role_pk: int) -> HttpResponse:
    """Choose the scenes of the script the role reads; the role's own scenes are offered first."""
    session, role, sides = _sides_parts(request, pk, role_pk)
    chosen = list(sides.scenes.values_list("pk", flat=True)) if sides else None
    initial = {"scenes": chosen if chosen is not None else queries.scenes_of_role(role)}
    form = SidesForm(request.POST or None, production=request.production, initial=initial)
    if request.method == "POST" and form.is_valid():
        scenes = form.cleaned_data["scenes"]
        if run_service(
            request, services.sides_save, session=session, role=role, scenes=scenes, form=form
        ):
            return _to_session(request, session.pk)
    context = {"form": form, "session": session, "role": role, "sides": sides}
    return render(request, "casting/auditions/sides.html", context)


@production_view(VIEW)
def sides_pdf(request: ProductionRequest, pk: int, role_pk: int) -> HttpResponse:
    _, _, sides = _sides_parts(request, pk, role_pk)
    if sides is None:
        raise Http404("No sides chosen for this role yet.")
    sides = (
        type(sides).objects.select_related("production", "session", "role").get(pk=sides.pk)
    )  # the letterhead and the filename read them
    return production_pdf(
        request,
        "casting/auditions/sides_pdf.html",
        context_of(sides),
        filename_of(sides),
        heading_of(sides),
    )


# --- The invitation's link (public: the token is the credential) --------------------------------


def _problem(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    context = {"problem": problem}
    return render(request, "casting/auditions/link_problem.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The actor or agent sees their slot and confirms or declines it, without an account."""
    try:
        slot = services.slot_for_token(token)
    except CastingError as exc:  # no such link, cancelled, or the day has passed
        return _problem(request, exc.message, 404)
    answer = request.POST.get("answer")
    if request.method == "POST" and answer not in ("confirm", "decline"):
        return _problem(request, services.ANSWER_NEEDED, 400)
    if request.method == "POST":
        try:
            slot = services.slot_answer(token=token, confirm=answer == "confirm")
        except CastingError as exc:  # answered already
            return _problem(request, exc.message, 409)
    context = {"slot": slot, "session": slot.session, "production_title": slot.production.title}
    return render(request, "casting/auditions/answer.html", context)
