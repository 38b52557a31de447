import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from apps.budgets import importers
from apps.budgets.importers import UNKNOWN_FRINGE, ImportFailed, import_actuals, import_budget
from apps.budgets.models import Actual, Budget, BudgetVersion, DetailLine, Fringe, Global
from apps.budgets.queries import top_sheet
from tests.budgets.factories import budget_from_template

pytestmark = pytest.mark.django_db

HEADER = (
    "category_number,category_name,account_number,account_name,description,"
    "amount,units,x,rate,fringes\n"
)
LINES = HEADER + (
    "2000,Production Staff,2001,Unit Production Manager,UPM,1,Weeks,SHOOT_WEEKS + 2,3100,FICA;MED\n"
    "2000,Production Staff,2002,First AD,1st AD,1,weeks,SHOOT_WEEKS,3400,FICA\n"
    "3300,Camera,3307,Camera Package,Package,1,Weeks,SHOOT_WEEKS,9500,\n"
)
FRINGES = (
    "code,name,kind,rate,cutoff\n"
    "FICA,Social security,percent,6.2,176100\n"
    "MED,Medicare,percent,1.45,\n"
)
GLOBALS = "name,value\nSHOOT_WEEKS,5\n"


def _file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode())


def _import(production, lines=LINES, fringes=FRINGES, globals_=GLOBALS):
    return import_budget(
        production=production,
        budget_name="Imported",
        version_name="v1",
        lines_file=_file("lines.csv", lines),
        fringes_file=_file("fringes.csv", fringes),
        globals_file=_file("globals.csv", globals_),
    )


def test_a_budget_imports_as_a_new_version_with_its_fringes_and_globals(production):
    version, plan = _import(production)
    assert plan.counts == {
        "categories": 2,
        "accounts": 3,
        "lines": 3,
        "fringes": 2,
        "globals": 1,
        "markups": 0,
    }
    upm = DetailLine.objects.get(budget_version=version, description="UPM")
    assert (upm.x_formula, upm.x, upm.total) == ("SHOOT_WEEKS + 2", 7, Decimal("21700.00"))
    assert upm.fringe_total == Decimal("1660.05")  # 1345.40 + 314.65
    assert top_sheet(version).budget_total == Decimal("21700.00") + Decimal("1660.05") + Decimal(
        "17000.00"
    ) + Decimal("1054.00") + Decimal("47500.00")
    assert version.categories.get(number="3300").section == "PRODUCTION"


def test_an_xlsx_file_imports_like_a_csv(production):
    book = Workbook()
    for row in LINES.strip().split("\n"):
        book.active.append(row.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    version, plan = import_budget(
        production=production,
        budget_name="X",
        version_name="v1",
        lines_file=SimpleUploadedFile("lines.xlsx", buffer.getvalue()),
        fringes_file=_file("f.csv", FRINGES),
        globals_file=_file("g.csv", GLOBALS),
    )
    assert plan.counts["lines"] == 3


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row(production):
    budget_from_template(production)  # something already there must stay as it was
    before = (
        Budget.objects.count(),
        BudgetVersion.objects.count(),
        DetailLine.objects.count(),
        Fringe.objects.count(),
        Global.objects.count(),
    )
    bad = LINES + "3300,Camera,3307,Camera Package,Filters,1,Weeks,1,500,NOPE\n"
    with pytest.raises(ImportFailed) as failed:
        _import(production, lines=bad)
    assert [(e.file, e.line, e.reason) for e in failed.value.errors] == [
        ("lines", 5, UNKNOWN_FRINGE.format(code="NOPE"))
    ]
    after = (
        Budget.objects.count(),
        BudgetVersion.objects.count(),
        DetailLine.objects.count(),
        Fringe.objects.count(),
        Global.objects.count(),
    )
    assert after == before


def test_every_bad_row_is_reported_with_its_reason(production):
    bad = HEADER + (
        "2000,Staff,2001,UPM,UPM,abc,weeks,1,100,\n"
        "2000,Staff,2002,AD,AD,1,fortnights,1,100,\n"
        "2000,Staff,2003,PA,PA,1,weeks,__import__('os'),100,\n"
    )
    with pytest.raises(ImportFailed) as failed:
        _import(production, lines=bad)
    assert [e.line for e in failed.value.errors] == [2, 3, 4]
    assert "amount" in failed.value.errors[0].reason
    assert "fortnights" in failed.value.errors[1].reason
    assert failed.value.errors[2].reason.startswith("x:")


def test_the_import_page_lists_bad_rows_and_writes_nothing(client, production, ap):
    client.force_login(ap)
    response = client.post(
        reverse("budgets:import", args=[production.slug]),
        {
            "budget_name": "Imported",
            "version_name": "v1",
            "lines": _file(
                "lines.csv", LINES + "3300,Camera,3307,Pkg,Filters,1,Weeks,1,500,NOPE\n"
            ),
            "fringes": _file("fringes.csv", FRINGES),
            "globals_file": _file("globals.csv", GLOBALS),
        },
    )
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "<td>5</td>" in page and "Fringe &#x27;NOPE&#x27; is not defined." in page
    assert not BudgetVersion.objects.exists()


def test_the_import_page_reports_what_it_imported(client, production, ap):
    client.force_login(ap)
    response = client.post(
        reverse("budgets:import", args=[production.slug]),
        {
            "budget_name": "Imported",
            "version_name": "v1",
            "lines": _file("lines.csv", LINES),
            "fringes": _file("fringes.csv", FRINGES),
            "globals_file": _file("globals.csv", GLOBALS),
        },
        follow=True,
    )
    page = response.content.decode()
    assert (
        "Imported 3 lines in 3 accounts and 2 categories, 2 fringes, 1 globals and 0 markups."
        in (page)
    )
    assert "Category 3300 Camera: PRODUCTION." in page
    assert "No markups (none were in the files)." in page


def test_the_import_budget_command_imports_files(production, tmp_path):
    for name, text in (("l.csv", LINES), ("f.csv", FRINGES), ("g.csv", GLOBALS)):
        (tmp_path / name).write_text(text)
    out = io.StringIO()
    call_command(
        "import_budget",
        production.slug,
        str(tmp_path / "l.csv"),
        "--fringes",
        str(tmp_path / "f.csv"),
        "--globals",
        str(tmp_path / "g.csv"),
        stdout=out,
    )
    assert "3 lines" in out.getvalue()
    assert DetailLine.objects.count() == 3


def test_the_import_budget_command_fails_whole_and_lists_rows(production, tmp_path):
    (tmp_path / "l.csv").write_text(LINES)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_budget", production.slug, str(tmp_path / "l.csv"), stderr=err)
    assert "lines line 2" in err.getvalue()
    assert not DetailLine.objects.exists()


def test_actuals_import_all_or_nothing(production):
    budget_from_template(production)
    good = (
        "date,account_number,payee,description,amount,reference\n"
        "2026-01-02,3307,Cams,Rental,100.50,A1\n"
    )
    assert import_actuals(production=production, upload=_file("a.csv", good)) == 1
    bad = good + "2026-13-02,3307,Cams,Rental,1,A2\n2026-01-03,9999,X,Y,1,\n"
    with pytest.raises(ImportFailed) as failed:
        import_actuals(production=production, upload=_file("a.csv", bad))
    assert [e.line for e in failed.value.errors] == [3, 4]
    assert Actual.objects.count() == 1


def test_an_import_invents_no_markups_its_grand_total_is_its_lines_and_fringes(production):
    version, plan = _import(production)
    sheet = top_sheet(version)
    assert not version.markups.exists()
    assert sheet.grand_total == sheet.budget_total


def test_markups_come_from_their_own_file(production):
    version, plan = _import(production)
    markups = (
        "code,name,percent,applies_to\nCONT,Contingency,10,ALL\nINS,Insurance,1.5,PRODUCTION;POST\n"
    )
    version, plan = import_budget(
        production=production,
        budget_name="Imported",
        version_name="v2",
        lines_file=_file("lines.csv", LINES),
        fringes_file=_file("fringes.csv", FRINGES),
        globals_file=_file("globals.csv", GLOBALS),
        markups_file=_file("markups.csv", markups),
    )
    found = list(version.markups.values_list("name", "percent", "sections"))
    assert found == [
        ("Contingency", Decimal(10), ["ATL", "PRODUCTION", "POST", "OTHER"]),
        ("Insurance", Decimal("1.5"), ["PRODUCTION", "POST"]),
    ]
    assert "Markup Insurance: 1.5% of PRODUCTION, POST." in plan.summary()


def test_a_bad_markup_row_is_reported_and_nothing_is_written(production):
    with pytest.raises(ImportFailed) as failed:
        import_budget(
            production=production,
            budget_name="Imported",
            version_name="v1",
            lines_file=_file("lines.csv", LINES),
            fringes_file=_file("fringes.csv", FRINGES),
            globals_file=_file("globals.csv", GLOBALS),
            markups_file=_file("m.csv", "name,percent,applies_to\nBond,two,ALL\nX,1,NOWHERE\n"),
        )
    assert [(e.file, e.line) for e in failed.value.errors] == [("markups", 2), ("markups", 3)]
    assert not BudgetVersion.objects.exists()


def test_sections_are_one_stated_rule_or_the_files_own_column(production):
    # Category 2000 is ATL on no chart; 1100 is ATL, 4500 post, 6500 other: one rule for all.
    lines = HEADER + (
        "1100,Writers,1101,Writer,Script,1,allow,1,1000,\n"
        "2000,Production Staff,2001,UPM,UPM,1,allow,1,1000,\n"
        "4500,Music,4501,Composer,Score,1,allow,1,1000,\n"
        "6500,Publicity,6501,Unit publicist,Publicist,1,allow,1,1000,\n"
    )
    version, plan = _import(production, lines=lines)
    sections = dict(version.categories.values_list("number", "section"))
    assert sections == {"1100": "ATL", "2000": "PRODUCTION", "4500": "POST", "6500": "OTHER"}
    assert importers.SECTION_RULE in plan.summary()

    with_column = (
        HEADER.strip() + ",section\n"
        "2000,Production Staff,2001,UPM,UPM,1,allow,1,1000,,OTHER\n"
        "2000,Production Staff,2002,AD,AD,1,allow,1,1000,,\n"
    )
    version, plan = import_budget(
        production=production,
        budget_name="Imported",
        version_name="with sections",
        lines_file=_file("lines.csv", with_column),
    )
    assert version.categories.get().section == "OTHER"
    assert importers.SECTION_RULE not in plan.summary()


def test_a_section_column_with_an_unknown_section_is_a_row_error(production):
    lines = HEADER.strip() + ",section\n2000,Staff,2001,UPM,UPM,1,allow,1,1000,,SIDEWAYS\n"
    with pytest.raises(ImportFailed) as failed:
        _import(production, lines=lines)
    assert failed.value.errors[0].reason == importers.UNKNOWN_SECTION.format(value="SIDEWAYS")


def test_a_kwd_import_keeps_three_places_in_actuals_and_fringe_cutoffs(production):
    production.currency = "KWD"
    production.save()
    fringes = FRINGES.replace("176100", "1761.2345")
    version, _ = _import(production, fringes=fringes)
    assert Fringe.objects.get(budget_version=version, code="FICA").cutoff == Decimal("1761.235")
    actuals = (
        "date,account_number,payee,description,amount,reference\n"
        "2026-01-02,3307,Cams,Rental,100.1255,A1\n"
    )
    assert import_actuals(production=production, upload=_file("a.csv", actuals)) == 1
    assert Actual.objects.get().amount == Decimal("100.126")
