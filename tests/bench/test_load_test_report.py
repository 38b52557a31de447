"""bench/load_test.py turns Locust's CSV statistics into the "Load test" section."""

from __future__ import annotations

import csv

from bench.load_test import FLOOR, parse_args, read_stats, render

COLUMNS = ["Type", "Name", "Request Count", "Failure Count", "Requests/s", "50%", "95%"]
ROWS = [
    ["GET", "setup: sign in", "5", "0", "0.1", "900", "1200"],
    ["GET", "dashboard", "40", "0", "1.3", "120", "300"],
    ["GET", FLOOR, "100", "0", "2.0", "6", "20"],
    ["GET", "stripboard", "60", "2", "2.0", "200", "450"],
    ["", "Aggregated", "205", "2", "5.4", "60", "400"],
]
CONTEXT = {
    "command": "python bench/load_test.py --users 6",
    "size": "small",
    "data": {"slug": "night-ferry", "scenes": 32},
    "cores": 2,
    "workers": 5,
    "threads": 1,
    "users": 6,
    "spawn_rate": 2.0,
    "duration": "30s",
    "load": "0.10 / 0.20 / 0.30",
    "tasks_run": 0,
    "busy": False,
}


def stats_file(tmp_path):
    path = tmp_path / "locust_stats.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


def test_rows_come_pages_first_then_setup_then_the_floor_then_the_total(tmp_path):
    names = [row["Name"] for row in read_stats(stats_file(tmp_path))]

    assert names == ["stripboard", "dashboard", "setup: sign in", FLOOR, "Aggregated"]


def test_the_section_has_one_row_per_page_and_the_run_settings(tmp_path):
    failures = [
        {"Method": "GET", "Name": "stripboard", "Error": "HTTPError 500", "Occurrences": "2"}
    ]

    section = render(read_stats(stats_file(tmp_path)), failures, [], CONTEXT)

    assert section.startswith("## Load test\n\n`python bench/load_test.py --users 6`")
    assert "| stripboard | 60 | 200 | 450 | 75.0x | 2.00 | 2 |" in section
    assert "| **floor**: the profile page, signed in | 100 | 6 | 20 | 3.3x | 2.00 | 0 |" in section
    assert "2 cores; gunicorn with 5 sync workers" in section
    assert "6 Locust users (5 APs" in section
    assert "- GET stripboard: HTTPError 500 (×2)" in section


def test_a_run_on_a_busy_machine_says_so(tmp_path):
    rows = read_stats(stats_file(tmp_path))

    assert "was busy" not in render(rows, [], [], CONTEXT)
    assert "was busy" in render(rows, [], [], {**CONTEXT, "busy": True})


def test_a_load_test_needs_an_ap_besides_the_floor(capsys):
    import pytest

    with pytest.raises(SystemExit):
        parse_args(["--users", "1"])


def test_the_section_names_the_pages_above_ten_times_the_floor(tmp_path):
    rows = read_stats(stats_file(tmp_path))

    section = render(rows, [], [], CONTEXT)

    # dashboard p95 300 / floor p50 6 = 50x, stripboard 75x; the setup sign-in is not a page.
    assert "Floor p50: 6 ms." in section
    assert "above 10x the floor's p50: stripboard (75x), dashboard (50x)." in section
    quick = [row if row["Name"] == FLOOR else {**row, "95%": "55"} for row in rows]
    assert "Every page's p95 is within 10x the floor's p50." in render(quick, [], [], CONTEXT)
