"""Call sheets worked out ahead: after a change that reaches them, the worker renders each call
sheet's draft (templates/callsheets/_body.html, the part of the page kept once for every member)
into the shared fragment cache, so that the first visit after a strip move, a crew change or a
location edit finds it kept instead of building the sheet (its schedule, day-out-of-days codes,
crew and locations: most of the page's time).

Which changes reach them is learnt, not listed: each run notes the tables the sheets read
(`INPUTS`), and a write to none of those tables (a budget line, a PO) queues nothing. Until a first
run has noted them, any write does. A burst of writes is worked out once: the first queues a run
`CALL_SHEETS_AHEAD_DELAY` seconds later and marks it pending; the run clears the mark before it
reads, so a write while it works queues the next one.

The sheets are kept exactly as a visit keeps them (apps/core/freshness.py): under the stamps the
run read at its start, so a sheet worked out from data that moved meanwhile is never served.
Nothing here writes to the database. On when `CALL_SHEETS_AHEAD` (a worker and a shared
`FRAGMENT_CACHE_URL`: with each process's own memory the worker's sheets would be its own) and
tasks go to a worker (in-process, the writing request would work every sheet out itself).
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from apps.callsheets.models import CallSheet
from apps.callsheets.queries import body_context, draft_page, shared_for
from apps.core.freshness import EVERY_TABLE, on_writes, reading
from apps.productions.models import Production
from apps.productions.stamps import stamp_for_everyone

logger = logging.getLogger(__name__)

INPUTS = "callsheets:ahead:inputs:{}"
PENDING = "callsheets:ahead:pending:{}"
RUNNING = "callsheets:ahead:running:{}"
# A run that never came (a worker down) stops holding the next one back after this long.
PENDING_SECONDS = 300
# A run that died (its worker killed) stops holding the next one back after this long.
RUNNING_SECONDS = 600


def _reached(tables: frozenset[str], inputs: frozenset[str] | None) -> bool:
    return inputs is None or EVERY_TABLE in tables or not tables.isdisjoint(inputs)


@on_writes
def queue_after_writes(request: HttpRequest | None, tables: frozenset[str]) -> None:
    """After a request (or task, or command) that wrote: queue a run for each production whose
    call sheets read one of those tables (a request's own production; for work outside one,
    every production with call sheets)."""
    if not settings.CALL_SHEETS_AHEAD or work_out_call_sheets.app.conf.task_always_eager:
        return  # with tasks in-process the request itself would work every sheet out

    try:
        production = getattr(request, "production", None)
        if production is not None:
            pks = [production.pk]
        else:
            pks = list(CallSheet.objects.values_list("production_id", flat=True).distinct())
        cache = caches["fragments"]
        inputs = cache.get_many([INPUTS.format(pk) for pk in pks])
        for pk in pks:
            if _reached(tables, inputs.get(INPUTS.format(pk))) and cache.add(
                PENDING.format(pk), 1, timeout=PENDING_SECONDS
            ):
                work_out_call_sheets.apply_async((pk,), countdown=settings.CALL_SHEETS_AHEAD_DELAY)
    except Exception:  # the broker or the shared cache out of reach: the sheets are worked out
        logger.warning("call sheets not queued to be worked out ahead", exc_info=True)  # on visit


def work_out(production_id: int) -> int | None:
    """Renders every call sheet's draft of the production into the fragment cache (the days to
    come first, nearest first; then the days gone by) and notes the tables they read. Returns
    how many sheets it rendered; None, having done nothing, while another run of the production
    works: runs of one production go one after the other, or an older run ending last would put
    its sheets, kept under stamps gone by, over the newer run's."""
    cache = caches["fragments"]
    running = RUNNING.format(production_id)
    if not cache.add(running, 1, timeout=RUNNING_SECONDS):
        return None
    try:
        return _work_out(production_id)
    finally:
        cache.delete(running)


def _work_out(production_id: int) -> int:
    caches["fragments"].delete(PENDING.format(production_id))
    connection.pd_outside = set()  # what is read before the sheets' blocks counts for them all
    production = Production.objects.filter(pk=production_id).first()
    if production is None:
        return 0
    stamps = stamp_for_everyone(production)  # read before the data: see freshness.py
    today = production.today()
    sheets = list(
        CallSheet.objects.filter(production=production).select_related("shoot_day", "production")
    )
    sheets.sort(key=lambda s: (s.shoot_day.date < today, abs((s.shoot_day.date - today).days)))
    # What every sheet reads alike, read once here, outside the sheets' blocks: so each block
    # depends on its tables (freshness.py counts what a request read before a block), not only
    # the first block to read them.
    shared = shared_for(production)
    with translation.override(settings.LANGUAGE_CODE), reading() as read:
        for call_sheet in sheets:
            page = SimpleLazyObject(lambda call_sheet=call_sheet: draft_page(call_sheet, shared))
            context = {**body_context(call_sheet, None, page), "data_stamp": stamps}
            render_to_string("callsheets/_body.html", context)
    inputs = frozenset(read | connection.pd_outside)
    caches["fragments"].set(INPUTS.format(production_id), inputs, timeout=None)
    return len(sheets)


@shared_task(bind=True, ignore_result=True, max_retries=None)
def work_out_call_sheets(self, production_id: int) -> int:
    """The run `queue_after_writes` queues (defined here, not in tasks.py, which the hook would
    otherwise import back); while another run of the production works, it waits its turn."""
    done = work_out(production_id)
    if done is None:
        raise self.retry(countdown=1)
    return done
