"""The suite runs in parallel (pytest-xdist), each worker on a test database of its own, and the
large demo is built by one worker only."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

import dev


def test_the_readme_test_command_runs_one_xdist_worker_per_core_unless_told_otherwise():
    assert dev.parallel([]) == ["-n", "auto"]
    assert dev.parallel(["tests/crew", "-k", "memo"]) == ["-n", "auto", "tests/crew", "-k", "memo"]
    assert dev.parallel(["-m", "drill"]) == ["-n", "auto", "-m", "drill"]
    for serial_or_chosen in (["-n", "0"], ["-n0"], ["--numprocesses=3"], ["-p", "no:xdist"]):
        assert dev.parallel(serial_or_chosen) == serial_or_chosen


def test_under_xdist_a_module_with_an_expensive_shared_fixture_goes_whole_to_one_worker():
    from tests.conftest import xdist_scope

    budget = "tests/test_query_budget.py"
    assert xdist_scope(f"{budget}::test_the_walk_visits_every_production_route") == budget
    assert xdist_scope(f"{budget}::test_a_page_over_budget_is_reported") == budget
    other = "tests/crew/test_board.py::test_a_candidate_moves[shortlist]"
    assert xdist_scope(other) == other  # everything else: one test at a time, to any worker


def test_every_module_that_builds_the_large_demo_is_kept_on_one_worker():
    from tests.conftest import ONE_WORKER_MODULES

    root = Path(__file__).resolve().parent.parent
    building = {
        path.relative_to(root).as_posix()
        for path in (root / "tests").rglob("test_*.py")
        if re.search(r"def \w+\([^)]*\blarge_demo\b", path.read_text())
    }
    assert "tests/test_query_budget.py" in building
    assert building <= ONE_WORKER_MODULES


def test_the_one_worker_modules_scheduler_is_used_for_the_default_distribution_only():
    from tests.conftest import OneWorkerModules, pytest_xdist_make_scheduler

    def config(dist: str) -> SimpleNamespace:
        options = {"dist": dist, "tx": ["popen", "popen"]}
        return SimpleNamespace(getoption=options.get, getvalue=options.get, option=None)

    log = SimpleNamespace(loadscopesched=None)
    assert isinstance(pytest_xdist_make_scheduler(config("load"), log), OneWorkerModules)
    for chosen in ("loadfile", "loadscope", "loadgroup", "worksteal", "each"):
        assert pytest_xdist_make_scheduler(config(chosen), log) is None


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


def test_the_tests_of_old_data_migrations_go_out_together_first_not_last_alone():
    from tests.conftest import OLD_MIGRATION_MODULES, OLD_MIGRATION_TESTS, xdist_scope

    root = Path(__file__).resolve().parent.parent
    migrating = {
        path.relative_to(root).as_posix()
        for path in (root / "tests").rglob("test_*.py")
        if "MigrationExecutor(" in path.read_text() and path.name != Path(__file__).name
    }
    assert "tests/core/test_money_migration.py" in migrating
    assert migrating == OLD_MIGRATION_MODULES
    for module in migrating:
        assert xdist_scope(f"{module}::test_any[case]") == OLD_MIGRATION_TESTS
