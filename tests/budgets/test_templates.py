import json
from decimal import Decimal

import pytest

from apps.budgets.engine import templates
from apps.budgets.engine.calc import SECTION_CODES, Fringe
from apps.budgets.engine.formulas import evaluate
from apps.budgets.engine.templates import TemplateError, list_templates, load_template

SHIPPED = {"feature", "tv_episodic", "commercial_aicp", "documentary"}
FEATURE_RANGES = {
    "ATL": (1000, 1999),
    "PRODUCTION": (2000, 3899),
    "POST": (4000, 4999),
    "OTHER": (5000, 7999),
}


def test_the_four_templates_are_listed_with_key_name_and_description():
    listed = list_templates()
    assert {item["key"] for item in listed} == SHIPPED
    for item in listed:
        assert set(item) == {"key", "name", "description"}
        assert item["name"].strip()
        assert item["description"].strip()


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_every_shipped_template_loads_with_unique_numbering(key):
    template = load_template(key)
    categories = template["categories"]
    accounts = [account for category in categories for account in category["accounts"]]
    assert len({c["number"] for c in categories}) == len(categories)
    assert len({a["number"] for a in accounts}) == len(accounts)
    assert {c["section"] for c in categories} <= {s["code"] for s in template["sections"]}


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_every_suggested_fringe_is_a_valid_fringe_marked_as_an_example(key):
    for item in load_template(key)["fringes"]:
        Fringe(item["code"], item["name"], item["kind"], item["rate"], item["cutoff"])
        assert item["example"] is True
        assert "(example)" in item["name"]


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_every_template_global_is_a_decimal_usable_in_formulas(key):
    names = {item["name"]: item["value"] for item in load_template(key)["globals"]}
    assert "SHOOT_DAYS" in names
    assert all(isinstance(value, Decimal) for value in names.values())
    assert evaluate("SHOOT_DAYS + 1", names) == names["SHOOT_DAYS"] + 1


def test_the_feature_template_has_categories_in_all_four_sections_within_their_ranges():
    categories = load_template("feature")["categories"]
    assert {c["section"] for c in categories} == set(SECTION_CODES)
    for category in categories:
        low, high = FEATURE_RANGES[category["section"]]
        assert low <= int(category["number"]) <= high, category["number"]


def test_the_feature_template_numbers_accounts_within_their_category():
    for category in load_template("feature")["categories"]:
        assert len(category["accounts"]) >= 2
        for account in category["accounts"]:
            assert int(account["number"]) // 100 * 100 == int(category["number"])


def test_the_feature_template_has_the_conventional_categories():
    numbers = {c["number"]: c["name"] for c in load_template("feature")["categories"]}
    expected = ["1100", "1200", "1300", "1400", "1500", "2000", "2100", "2200", "2300", "2500"]
    expected += ["2600", "2700", "2800", "2900", "3100", "3200", "3300", "3400", "3500", "3600"]
    expected += ["3700", "3800", "4000", "4100", "4200", "4300", "4400", "4500", "5000", "6500"]
    expected += ["6700", "6800"]
    assert set(expected) <= set(numbers)
    assert numbers["1400"] == "Cast"


def test_the_feature_template_ships_the_schedule_globals():
    names = {item["name"]: item["value"] for item in load_template("feature")["globals"]}
    assert names["SHOOT_DAYS"] == 25
    assert {"PREP_WEEKS", "WRAP_WEEKS", "PREP_DAYS", "SHOOT_WEEKS"} <= set(names)


def test_the_feature_template_suggests_a_capped_percent_and_a_flat_fringe():
    fringes = load_template("feature")["fringes"]
    assert any(f["kind"] == "percent" and f["cutoff"] is not None for f in fringes)
    assert any(f["kind"] == "flat" for f in fringes)


def test_the_aicp_template_has_sections_a_through_p_in_order():
    categories = load_template("commercial_aicp")["categories"]
    assert [c["number"] for c in categories] == list("ABCDEFGHIJKLMNOP")


def test_the_aicp_template_maps_a_to_k_to_production_and_l_to_n_above_the_line():
    sections = {c["number"]: c["section"] for c in load_template("commercial_aicp")["categories"]}
    assert {sections[letter] for letter in "ABCDEFGHIJK"} == {"PRODUCTION"}
    assert {sections[letter] for letter in "LMN"} == {"ATL"}
    assert sections["O"] == "POST"


def test_the_documentary_template_is_small():
    assert 8 <= len(load_template("documentary")["categories"]) <= 12


def test_load_template_returns_a_fresh_copy_each_time():
    first = load_template("feature")
    first["categories"].clear()
    assert load_template("feature")["categories"]


@pytest.mark.parametrize("key", ["nope", "../feature", "Feature", "", None])
def test_an_unknown_template_key_is_a_value_error(key):
    with pytest.raises(ValueError, match="Unknown template"):
        load_template(key)


def _minimal():
    return {
        "key": "broken",
        "name": "Broken",
        "description": "For tests.",
        "sections": [{"code": "ATL", "name": "Above the line"}],
        "categories": [
            {
                "number": "1100",
                "name": "Story",
                "section": "ATL",
                "accounts": [{"number": "1101", "name": "Rights"}],
            }
        ],
    }


def _second_category(number="1200", section="ATL", account="1201", name="Producers"):
    return {
        "number": number,
        "name": name,
        "section": section,
        "accounts": [{"number": account, "name": "Producer"}],
    }


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda t: t["categories"].append(_second_category(number="1100")), "category number"),
        (lambda t: t["categories"].append(_second_category(account="1101")), "account number"),
        (lambda t: t["categories"].append(_second_category(section="POST")), "undeclared section"),
        (lambda t: t["categories"].append(_second_category(name=" ")), "empty or missing 'name'"),
        (lambda t: t["sections"].append({"code": "BTL", "name": "x"}), "not one of"),
        (lambda t: t.update(key="other"), "declares key"),
        (lambda t: t.update(globals=[{"name": "x", "value": 1, "description": "d"}]), "UPPER"),
        (
            lambda t: t.update(fringes=[{"code": "F", "name": "F", "kind": "flat", "rate": "1"}]),
            "fringe F",
        ),
    ],
)
def test_a_broken_template_is_a_value_error_naming_the_problem(
    tmp_path, monkeypatch, break_it, message
):
    template = _minimal()
    break_it(template)
    (tmp_path / "broken.json").write_text(json.dumps(template), encoding="utf-8")
    monkeypatch.setattr(templates, "TEMPLATES_DIR", tmp_path)
    with pytest.raises(TemplateError, match=message):
        load_template("broken")


def test_the_minimal_test_template_itself_is_valid(tmp_path, monkeypatch):
    (tmp_path / "broken.json").write_text(json.dumps(_minimal()), encoding="utf-8")
    monkeypatch.setattr(templates, "TEMPLATES_DIR", tmp_path)
    assert load_template("broken")["fringes"] == []
