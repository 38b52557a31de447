"""The web workers' settings that are code, not values."""

from __future__ import annotations

import gc
import sys

from producer_desk import gunicorn_conf


def test_each_web_worker_freezes_what_it_loaded_before_its_first_request():
    """A full collection walks every object the worker holds; what it loaded at start (Django,
    every app's views) lives as long as the worker, so it is frozen out of those walks."""
    assert gc.get_freeze_count() == 0
    try:
        gunicorn_conf.post_worker_init(worker=None)
        assert "apps.schedules.views.board" in sys.modules  # the views, imported first
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
