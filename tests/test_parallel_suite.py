"""The suite runs in parallel (pytest-xdist), each worker on a test database of its own, and the
large demo is built by one worker only."""

from __future__ import annotations

import os

import pytest

import dev


def test_the_readme_test_command_runs_one_xdist_worker_per_core_unless_told_otherwise():
    assert dev.parallel([]) == ["-n", "auto"]
    assert dev.parallel(["tests/crew", "-k", "memo"]) == ["-n", "auto", "tests/crew", "-k", "memo"]
    assert dev.parallel(["-m", "drill"]) == ["-n", "auto", "-m", "drill"]
    for serial_or_chosen in (["-n", "0"], ["-n0"], ["--numprocesses=3"], ["-p", "no:xdist"]):
        assert dev.parallel(serial_or_chosen) == serial_or_chosen


def test_the_large_demo_tests_stay_on_one_xdist_worker(request):
    from tests import test_query_budget

    assert request.config.getoption("dist") in ("loadgroup", "no")
    assert "--dist loadgroup" in " ".join(request.config.getini("addopts"))
    groups = [m.args for m in test_query_budget.pytestmark if m.name == "xdist_group"]
    assert groups == [("large_demo",)]


@pytest.mark.django_db
def test_each_xdist_worker_has_a_test_database_of_its_own():
    from django.db import connection

    name = connection.settings_dict["NAME"]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if connection.vendor == "sqlite":
        assert "mode=memory" in name  # in the worker's own process memory, never a shared file
    elif worker:
        assert name.endswith(f"_{worker}")
    else:
        assert not name.endswith(tuple(f"_gw{n}" for n in range(64)))
