from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url
from apps.schedules import castnames, forms, queries, services
from apps.schedules.breakdown import breakdown_names, cast_with_usage
from apps.schedules.categories import CATEGORY_COLOURS, Category
from apps.schedules.importers.fountain import light_of
from apps.schedules.models import (
    BreakdownElement,
    CastMember,
    Location,
    Scene,
    Script,
    ScriptStatus,
    Set,
)
from apps.schedules.scene_tables import scene_list_response
from apps.schedules.services import ScheduleError, ScriptImportError
from apps.schedules.services.sets import set_name
from apps.schedules.views.printing import printed_heading

# --- Scenes and import --------------------------------------------------------------------------


@production_view(C.VIEW_SCHEDULE)
def scene_list(request: ProductionRequest) -> HttpResponse:
    scenes = (
        Scene.objects.filter(production=request.production)
        .select_related("set", "script", "shot_day")
        .prefetch_related("cast")
    )
    if request.GET.get("format") in ("csv", "xlsx"):
        return scene_list_response(
            request.production, request.GET["format"], f"{request.production.slug}-scenes"
        )
    return render(
        request,
        "schedules/scenes.html",
        {
            "scenes": scenes,
            "script": Script.objects.filter(
                production=request.production, status=ScriptStatus.APPLIED
            ).first(),
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
            "totals": queries.scene_totals(request.production),
        },
    )


@production_view(C.EDIT_SCHEDULE)
def script_import(request: ProductionRequest) -> HttpResponse:
    """Upload a draft: it is read and kept as a pending draft, and its revision report shown."""
    production = request.production
    form = forms.ScriptUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "colour": services.next_colour(production),
            "lock_numbers": services.default_lock(production),
        },
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = services.script_preview(
                production=production,
                data=upload.read(),
                filename=upload.name,
                user=request.user,
                colour=form.cleaned_data["colour"] or None,
                lock_numbers=form.cleaned_data["lock_numbers"],
            )
        except ScriptImportError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect(production_url(request, "schedules:draft", pk=plan.script.pk))
    drafts = Script.objects.filter(production=production).exclude(status=ScriptStatus.DISCARDED)
    return render(request, "schedules/import.html", {"form": form, "drafts": drafts})


@production_view(C.EDIT_SCHEDULE)
def script_draft(request: ProductionRequest, pk: int) -> HttpResponse:
    """A draft's revision report; POST applies it exactly as shown (or refuses a stale one)."""
    script = get_object_or_404(Script, production=request.production, pk=pk)
    if script.status != ScriptStatus.PENDING:
        return render(request, "schedules/draft.html", {"script": script, "plan": None})
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            services.script_discard(script=script)
            messages.info(request, f"Discarded {script.filename}; nothing was changed.")
            return redirect(production_url(request, "schedules:import"))
        try:
            report = services.script_apply(
                script=script, digest=request.POST.get("digest", ""), user=request.user
            )
        except ScheduleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Applied {script.filename}: {report.summary()}.")
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect(production_url(request, "schedules:scenes"))
    plan = services.script_plan(script)
    return render(request, "schedules/draft.html", {"script": script, "plan": plan})


@production_view(C.EDIT_SCHEDULE)
def scene_add(request: ProductionRequest) -> HttpResponse:
    form = forms.SceneForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            request, services.scene_create, form=form,
            production=request.production,
            number=data["number"], set_name=data["set_name"], int_ext=data["int_ext"],
            time_of_day=data["time_of_day"], day_night=data["day_night"],
            eighths=data["eighths"], synopsis=data["synopsis"], cast=data["cast"],
        )  # fmt: skip
        if created:
            scene = created.value
            messages.success(request, f"Scene {scene.number} added.")
            return redirect(production_url(request, "schedules:breakdown", pk=scene.pk))
    return render(request, "schedules/form.html", {"form": form, "heading": "Add a scene"})


def _scene(request, pk) -> Scene:
    return get_object_or_404(
        Scene.objects.select_related("set__location"), production=request.production, pk=pk
    )


@production_view(C.EDIT_SCHEDULE)
def scene_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    initial = {
        "number": scene.number, "int_ext": scene.int_ext, "set_name": scene.set.name,
        "time_of_day": scene.time_of_day, "eighths": scene.eighths, "synopsis": scene.synopsis,
        "cast": scene.cast.all(), "notes": scene.notes,
        # Shown only when the words do not say it (inherited or chosen), so that editing the
        # time of day to one that names a light is not overruled by the old choice.
        "day_night": "" if light_of(scene.time_of_day) else scene.day_night,
    }  # fmt: skip
    form = forms.SceneForm(request.POST or None, initial=initial, production=request.production)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        updated = run_service(
            request, services.scene_update, form=form,
            scene=scene, number=data["number"], set_name=data["set_name"],
            int_ext=data["int_ext"], time_of_day=data["time_of_day"],
            day_night=data["day_night"], eighths=data["eighths"], synopsis=data["synopsis"],
            cast=data["cast"], elements=scene.elements.all(), notes=data["notes"],
        )  # fmt: skip
        if updated:
            messages.success(request, f"Scene {scene.number} saved.")
            return redirect(production_url(request, "schedules:breakdown", pk=scene.pk))
    return render(
        request, "schedules/form.html", {"form": form, "heading": f"Edit scene {scene.number}"}
    )


@production_view(C.EDIT_SCHEDULE)
def scene_split(request: ProductionRequest, pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    form = forms.SplitForm(request.POST or None, initial={"new_number": f"{scene.number}A"})
    if request.method == "POST" and form.is_valid():
        split = run_service(
            request,
            services.scene_split,
            scene=scene,
            new_number=form.cleaned_data["new_number"],
            new_eighths=form.cleaned_data["new_eighths"],
            form=form,
        )
        if split:
            number = split.value.number
            messages.success(request, f"Scene {scene.number} split; {number} follows it.")
            return redirect(production_url(request, "schedules:scenes"))
    return render(
        request,
        "schedules/form.html",
        {"form": form, "heading": f"Split scene {scene.number} ({scene.pages} pages)"},
    )


@production_view(C.EDIT_SCHEDULE)
@require_POST
def scene_omit(request: ProductionRequest, pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    omitted = request.POST.get("omitted", "1") == "1"
    services.scene_set_omitted(scene=scene, omitted=omitted)
    messages.success(request, f"Scene {scene.number} {'omitted' if omitted else 'restored'}.")
    return redirect(production_url(request, "schedules:scenes"))


# --- Breakdown ----------------------------------------------------------------------------------


@production_view(C.VIEW_SCHEDULE)
def breakdown(request: ProductionRequest, pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    elements = list(scene.elements.all())
    cast = list(scene.cast.order_by("id_number"))
    # Cast is a category like the others: first, red, its rows the scene's parts.
    groups = [
        {
            "key": value,
            "label": label,
            "colour": CATEGORY_COLOURS[value],
            "items": cast
            if value == Category.CAST
            else [e for e in elements if e.category == value],
        }
        for value, label in Category.choices
    ]
    context = {
        "scene": scene,
        "groups": [g for g in groups if g["items"] or g["key"] == Category.CAST],
        "element_form": forms.ElementForm(),
        "known_names": breakdown_names(request.production),
        "can_edit": request.membership.can(C.EDIT_SCHEDULE),
    }
    if request.GET.get("format") == "pdf":
        heading = printed_heading(request.production, f"Breakdown sheet, scene {scene.number}")
        return production_pdf(
            request, "schedules/breakdown_sheet.html", context, f"breakdown-{scene.number}", heading
        )
    return render(request, "schedules/breakdown.html", context)


@production_view(C.EDIT_SCHEDULE)
@require_POST
def element_add(request: ProductionRequest, pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    form = forms.ElementForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            services.element_add_to_scene,
            scene=scene,
            category=form.cleaned_data["category"],
            name=form.cleaned_data["name"],
        )
    else:
        messages.error(request, "Choose a category and name the element.")
    return redirect(production_url(request, "schedules:breakdown", pk=scene.pk))


@production_view(C.EDIT_SCHEDULE)
@require_POST
def element_remove(request: ProductionRequest, pk: int, element_pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    element = get_object_or_404(BreakdownElement, production=request.production, pk=element_pk)
    scene.elements.remove(element)
    return redirect(production_url(request, "schedules:breakdown", pk=scene.pk))


@production_view(C.EDIT_SCHEDULE)
@require_POST
def cast_remove(request: ProductionRequest, pk: int, member_pk: int) -> HttpResponse:
    scene = _scene(request, pk)
    member = get_object_or_404(CastMember, production=request.production, pk=member_pk)
    services.cast_remove_from_scene(scene=scene, member=member)
    return redirect(production_url(request, "schedules:breakdown", pk=scene.pk))


# --- Cast, sets and locations -------------------------------------------------------------------


@production_view(C.VIEW_SCHEDULE)
def cast_list(request: ProductionRequest) -> HttpResponse:
    cast = list(cast_with_usage(request.production))
    for member in cast:
        member.noise = castnames.noise_reason(member.character)
    return render(
        request,
        "schedules/cast.html",
        {
            "cast": cast,
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
            # Actors' e-mails and phones are talent contacts, never the crew's (department
            # heads included): casting and the office see them, and whoever sends the call sheet.
            "show_contacts": request.membership.can(C.VIEW_TALENT_CONTACTS)
            or request.membership.can(C.PUBLISH_CALLSHEETS),
        },
    )


@production_view(C.EDIT_SCHEDULE)
def cast_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(CastMember, production=request.production, pk=pk)
    old_id = member.id_number
    form = forms.CastForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        new_id = form.cleaned_data["id_number"]
        member.id_number = old_id
        form.instance.id_number = old_id
        form.save()
        services.cast_set_id(member=member, id_number=new_id)
        messages.success(request, f"{member} saved.")
        return redirect(production_url(request, "schedules:cast"))
    return render(request, "schedules/form.html", {"form": form, "heading": f"Cast: {member}"})


@production_view(C.VIEW_SCHEDULE)
def location_list(request: ProductionRequest) -> HttpResponse:
    return render(
        request,
        "schedules/locations.html",
        {
            "locations": Location.objects.filter(production=request.production),
            "sets": Set.objects.filter(production=request.production).select_related("location"),
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
        },
    )


@production_view(C.EDIT_SCHEDULE)
def location_edit(request: ProductionRequest, pk: int | None = None) -> HttpResponse:
    location = (
        get_object_or_404(Location, production=request.production, pk=pk)
        if pk
        else Location(production=request.production)
    )
    form = forms.LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{location.name} saved.")
        return redirect(production_url(request, "schedules:locations"))
    heading = f"Location: {location.name}" if pk else "Add a location"
    return render(request, "schedules/form.html", {"form": form, "heading": heading})


@production_view(C.EDIT_SCHEDULE)
def set_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    set_ = get_object_or_404(Set, production=request.production, pk=pk)
    initial = {"name": set_.name, "location": set_.location_id}
    form = forms.SetForm(request.POST or None, initial=initial, production=request.production)
    merge_with = None
    if request.method == "POST" and form.is_valid():
        name, location = form.cleaned_data["name"], form.cleaned_data["location"]
        renamed = run_service(request, services.set_rename, form=form, set_=set_, name=name)
        if renamed:
            if set_.location != location:
                set_.location = location
                set_.save(update_fields=["location"])
            messages.success(request, f"{set_.name} saved.")
            return redirect(production_url(request, "schedules:sets"))
        # The name is another set's: offer to make the two one.
        merge_with = (
            Set.objects.filter(production=request.production, name__iexact=set_name(name))
            .exclude(pk=set_.pk)
            .first()
        )
    return render(
        request, "schedules/set_form.html", {"form": form, "set": set_, "merge_with": merge_with}
    )


@production_view(C.VIEW_SCHEDULE)
def set_list(request: ProductionRequest) -> HttpResponse:
    return render(
        request,
        "schedules/sets.html",
        {
            "sets": queries.sets_overview(request.production),
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
        },
    )


@production_view(C.EDIT_SCHEDULE)
@require_POST
def sets_merge(request: ProductionRequest) -> HttpResponse:
    form = forms.SetMergeForm(request.POST, production=request.production)
    if not form.is_valid():
        messages.error(request, services.SETS_TO_MERGE)
        return redirect(production_url(request, "schedules:sets"))
    target = form.cleaned_data["target"]
    others = [s for s in form.cleaned_data["sets"] if s.pk != target.pk]
    names = ", ".join(s.name for s in others)
    merged = run_service(request, services.sets_merge, target=target, others=others)
    if merged:
        messages.success(request, f"{names} merged into {target.name}.")
    return redirect(production_url(request, "schedules:sets"))
