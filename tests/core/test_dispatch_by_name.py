"""A services module queues its app's task by the task's dotted path (so it never imports the
tasks module that imports it): every such path must name a real task."""

from __future__ import annotations

import ast
from pathlib import Path

from celery import Task
from django.utils.module_loading import import_string

APPS = Path(__file__).resolve().parents[2] / "apps"


def named_dispatches() -> list[tuple[str, str]]:
    found = []
    for path in sorted(APPS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None))
                == "dispatch_named_after_commit"
            ):
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path}: name the task with a literal"
                found.append((str(path.relative_to(APPS)), first.value))
    return found


def test_every_task_queued_by_name_exists_under_that_name():
    found = named_dispatches()
    # Single messages go through the outbox (outbox.queue_after_commit(row)); a task queued by
    # name is work of an app's own, such as distributing a call sheet's revision.
    assert {path for _, path in found} >= {"apps.callsheets.tasks.distribute_revision"}
    for where, task_path in found:
        task = import_string(task_path)
        assert isinstance(task, Task), (where, task_path)
        assert task.name == task_path, (where, task_path)
