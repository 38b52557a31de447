"""Budget totals are kept, not recomputed per request (issue 15, point 1): every write path leaves
the kept totals equal to what the engine works out from scratch, reports read no line, and the
check finds (and repairs) a total that drifted."""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.budgets.models import (
    Account,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    LineFringe,
    Markup,
)
from apps.budgets.queries import cost_report, top_sheet
from apps.budgets.services import budget_globals, editing, versions
from apps.budgets.totals_check import differences
from tests.budgets.factories import add_line, budget_from_template, fringe_ids, values

pytestmark = pytest.mark.django_db


def _clean(version: BudgetVersion) -> None:
    assert differences(version) == []


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    fica, medicare = fringe_ids(version, "FICA", "MEDICARE")
    add_line(version, "2001", amount="2", x="SHOOT_DAYS", rate="350", fringes=[fica, medicare])
    add_line(version, "1401", amount="1", x="SHOOT_DAYS / 5", rate="4500.55", fringes=[fica])
    add_line(version, "4001", rate="1234.5")
    return version


def test_a_line_write_keeps_every_total_above_it(version):
    version.refresh_from_db()
    sheet = top_sheet(version)
    line = add_line(version, "2001", amount="3", rate="100", fringes=fringe_ids(version, "FICA"))
    version.refresh_from_db()
    assert version.lines_total == sheet.totals.budget.subtotal + Decimal("300.00")
    fica = Fringe.objects.get(budget_version=version, code="FICA")
    assert fica.total == sheet.totals.fringes_by_code["FICA"] + Decimal("18.60")
    _clean(version)
    editing.line_update(
        line=line,
        values=values(amount="3", rate="200", fringes=fringe_ids(version, "MEDICARE")),
        expected_version=line.version,
    )
    _clean(version)
    editing.line_delete(line=DetailLine.objects.get(pk=line.pk))
    _clean(version)
    assert top_sheet(version).grand_total == sheet.grand_total


def test_globals_fringes_markups_and_sections_keep_the_totals(version):
    budget_globals.global_set(version=version, name="SHOOT_WEEKS", formula="SHOOT_DAYS / 5")
    add_line(version, "3301", x="SHOOT_WEEKS", rate="2500")
    budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(31))
    _clean(version)
    fica = Fringe.objects.get(budget_version=version, code="FICA")
    editing.fringe_save(
        version=version,
        code="FICA",
        name="FICA",
        kind="percent",
        rate=Decimal("7.65"),
        cutoff=Decimal("5000"),
        fringe=fica,
    )
    _clean(version)
    editing.fringe_delete(fringe=Fringe.objects.get(budget_version=version, code="MEDICARE"))
    _clean(version)
    markup = Markup.objects.filter(budget_version=version).first()
    editing.markup_save(
        version=version,
        name=markup.name,
        percent=Decimal("12.5"),
        sections=["ATL"],
        markup=markup,
    )
    _clean(version)
    editing.markup_delete(markup=Markup.objects.filter(budget_version=version).last())
    _clean(version)
    # Cast leaves the one section the first markup now applies to: the markup moves with it.
    before = Markup.objects.get(pk=markup.pk).amount
    category = Category.objects.get(budget_version=version, number="1400")
    versions.category_update(category=category, number="1400", name="Cast", section="POST")
    _clean(version)
    assert Markup.objects.get(pk=markup.pk).amount < before


def test_a_copy_keeps_its_totals_and_then_its_own(version):
    copy = versions.version_copy(source=version, name="Revised")
    _clean(copy)
    assert copy.grand_total == BudgetVersion.objects.get(pk=version.pk).grand_total
    add_line(copy, "2001", rate="999")
    _clean(copy)
    _clean(version)


def test_the_top_sheet_and_cost_report_read_no_line(version):
    with CaptureQueriesContext(connection) as queries:
        top_sheet(version)
        cost_report(version.production, version)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "budgets_detailline" not in read


def test_the_check_names_a_total_that_drifted_and_repairs_it(version):
    account = Account.objects.get(budget_version=version, number="2001")
    Account.objects.filter(pk=account.pk).update(subtotal=account.subtotal + 1)
    LineFringe.objects.filter(fringe__code="FICA").update(amount=0)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 with differences"):
        call_command("check_budget_totals", version.production.slug, stdout=out)
    said = out.getvalue()
    assert "account 2001 lines is kept as" in said
    assert "fringe FICA is kept as 0.00" in said
    call_command("check_budget_totals", version.production.slug, "--repair", stdout=io.StringIO())
    _clean(version)
    call_command("check_budget_totals", stdout=io.StringIO())  # every production: clean


def test_the_fill_migration_works_out_every_kept_total(version):
    fill = importlib.import_module("apps.budgets.migrations.0010_fill_kept_totals").fill
    LineFringe.objects.update(amount=0)
    Account.objects.update(subtotal=0, fringe_total=0)
    Category.objects.update(subtotal=0)
    Fringe.objects.update(total=0)
    Markup.objects.update(amount=0)
    BudgetVersion.objects.update(lines_total=0, fringes_total=0, markups_total=0)
    fill(django_apps, None)
    _clean(version)


def test_an_archive_from_before_kept_totals_restores_with_them(version, tmp_path):
    from apps.productions.backup.archive import export_production
    from apps.productions.backup.restore import import_production

    path = tmp_path / "old.zip"
    export_production(version.production, path)
    _as_before_kept_totals(path)
    restored = import_production(path, slug="restored-budget")
    (copy,) = BudgetVersion.objects.filter(production=restored)
    _clean(copy)
    assert copy.grand_total == BudgetVersion.objects.get(pk=version.pk).grand_total > 0


def _as_before_kept_totals(path) -> None:
    """Rewrite an archive as one written before totals were kept: the line fringes under the
    plain many-to-many's name and without amounts, no kept totals anywhere."""
    from apps.productions.backup.archive import MANIFEST, RECORDS, sha256

    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    records = json.loads(members[RECORDS])
    models = records["models"]
    rows = models.pop("budgets.linefringe")
    for row in rows:
        del row["fields"]["amount"]
    models["budgets.detailline_fringes"] = rows
    dropped = {
        "budgets.account": ("subtotal", "fringe_total"),
        "budgets.category": ("subtotal", "fringe_total"),
        "budgets.fringe": ("total",),
        "budgets.markup": ("amount",),
        "budgets.budgetversion": ("lines_total", "fringes_total", "markups_total"),
    }
    for label, fields in dropped.items():
        for row in models[label]:
            for name in fields:
                del row["fields"][name]
    members[RECORDS] = json.dumps(records).encode()
    manifest = json.loads(members[MANIFEST])
    manifest["counts"] = {name: len(rows) for name, rows in models.items()}
    manifest["checksums"][RECORDS] = sha256(members[RECORDS])
    manifest["migrations"] = [m for m in manifest["migrations"] if "kept_totals" not in m[1]]
    members[MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


# --- Random writes, then the check --------------------------------------------------------

AMOUNTS = st.decimals(min_value=0, max_value=500, places=2)
RATES = st.decimals(min_value=0, max_value=99999, places=3)
WRITES = st.one_of(
    st.tuples(
        st.just("add"),
        st.sampled_from(["2001", "1401", "3301", "4001"]),
        AMOUNTS,
        RATES,
        st.lists(st.sampled_from(["FICA", "MEDICARE", "FUTA"]), unique=True, max_size=3),
    ),
    st.tuples(st.just("edit"), st.integers(0, 20), AMOUNTS, RATES),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("global"), st.integers(0, 60)),
    st.tuples(
        st.just("fringe"),
        st.sampled_from(["FICA", "MEDICARE", "FUTA"]),
        st.decimals(min_value=0, max_value=30, places=2),
        st.sampled_from(["percent", "capped", "flat"]),
    ),
    st.tuples(
        st.just("markup"),
        st.decimals(min_value=0, max_value=20, places=1),
        st.lists(st.sampled_from(["ATL", "PRODUCTION", "POST", "OTHER"]), min_size=1, unique=True),
    ),
    st.tuples(
        st.just("section"),
        st.sampled_from(["1400", "2000", "3300"]),
        st.sampled_from(["ATL", "PRODUCTION", "POST", "OTHER"]),
    ),
    st.tuples(
        st.just("copy"),
    ),
)


def _write(version: BudgetVersion, step: tuple, copies: list) -> BudgetVersion:
    kind, *args = step
    lines = list(DetailLine.objects.filter(budget_version=version).order_by("id"))
    if kind == "add":
        number, amount, rate, codes = args
        add_line(
            version,
            number,
            amount=amount,
            x="SHOOT_DAYS",
            rate=rate,
            fringes=fringe_ids(version, *codes),
        )
    elif kind == "edit" and lines:
        index, amount, rate = args
        line = lines[index % len(lines)]
        kept = tuple(line.fringes.values_list("id", flat=True))
        editing.line_update(
            line=line,
            values=values(amount=amount, rate=rate, fringes=kept),
            expected_version=line.version,
        )
    elif kind == "delete" and lines:
        editing.line_delete(line=lines[args[0] % len(lines)])
    elif kind == "global":
        budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(args[0]))
    elif kind == "fringe":
        code, rate, kind = args
        fringe = Fringe.objects.get(budget_version=version, code=code)
        editing.fringe_save(
            version=version,
            code=code,
            name=fringe.name,
            kind="flat" if kind == "flat" else "percent",
            rate=rate,
            cutoff=Decimal("2500") if kind == "capped" else None,
            fringe=fringe,
        )
    elif kind == "markup":
        percent, sections = args
        markup = Markup.objects.filter(budget_version=version).first()
        editing.markup_save(
            version=version, name=markup.name, percent=percent, sections=sections, markup=markup
        )
    elif kind == "section":
        number, section = args
        category = Category.objects.get(budget_version=version, number=number)
        versions.category_update(category=category, number=number, name="Moved", section=section)
    elif kind == "copy":
        copies.append(version)
        return versions.version_copy(source=version, name=f"Copy {len(copies)}")
    return version


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(WRITES, min_size=1, max_size=10))
def test_random_writes_leave_every_total_as_the_engine_works_it_out(production, steps):
    from django.db import transaction

    with transaction.atomic():
        version = budget_from_template(production, name="Random")
        markup = Markup.objects.filter(budget_version=version).first()  # on two sections only
        editing.markup_save(
            version=version,
            name=markup.name,
            percent=Decimal(10),
            sections=["ATL", "PRODUCTION"],
            markup=markup,
        )
        add_line(version, "1401", x="SHOOT_DAYS", rate="1000", fringes=fringe_ids(version, "FICA"))
        copies: list[BudgetVersion] = []
        for step in steps:
            version = _write(version, step, copies)
        for each in [version, *copies]:
            assert differences(each) == [], steps
        transaction.set_rollback(True)


def test_the_schedule_moving_shoot_days_keeps_the_totals_and_a_what_if_leaves_them(version):
    from apps.budgets.models import Global, LinkNotice
    from apps.budgets.services.links import (
        shoot_days_changed_receiver,
        shoot_days_costed_receiver,
    )

    Global.objects.filter(budget_version=version, name="SHOOT_DAYS").update(follows_schedule=True)
    production = version.production
    shoot_days_changed_receiver(None, production=production, shoot_days=40, reason="Day added")
    _clean(version)
    notice = LinkNotice.objects.get(budget_version=version)
    kept = BudgetVersion.objects.get(pk=version.pk)
    assert notice.total_after == kept.grand_total != notice.total_before
    (answer,) = shoot_days_costed_receiver(None, production=production, shoot_days=20)
    assert answer.total_now == kept.grand_total and answer.total != kept.grand_total
    _clean(version)  # the what-if was rolled back, kept totals included
    assert BudgetVersion.objects.get(pk=version.pk).grand_total == kept.grand_total
