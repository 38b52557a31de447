"""Every app plugs in through the one AppConfig protocol (apps/core/registry.py)."""

from __future__ import annotations

from django.apps import apps

from apps.core import registry
from apps.productions import audit


def project_configs():
    return [config for config in apps.get_app_configs() if config.name.startswith("apps.")]


def test_every_app_but_the_kernel_uses_the_domain_app_protocol():
    for config in project_configs():
        if config.name == "apps.core":
            continue
        assert isinstance(config, registry.DomainAppConfig), config.name


def test_the_registries_are_filled_from_the_apps_declarations():
    urls = {item.url_name for item in registry.nav_items()}
    assert {"productions:dashboard", "budgets:index", "schedules:board", "crew:list"} <= urls
    assert {"vendors:index", "callsheets:list"} <= urls
    assert set(registry.panels()) == {
        "budget",
        "schedule",
        "crew",
        "purchasing",
        "callsheet",
        "shoot_progress",
        "casting",
        "post",
    }
    labels = set(audit.registered_labels())
    assert {"Production", "Budget line", "Scene", "Deal memo", "Purchase order"} <= labels
    assert {"Call sheet", "Casting role", "Actor", "Submission"} <= labels
    seeders = [seeder.__module__ for seeder in registry.demo_seeders()]
    assert seeders == [
        "apps.budgets.demo",
        "apps.schedules.demo",
        "apps.crew.demo",
        "apps.vendors.demo",
        "apps.callsheets.demo",
        "apps.casting.demo",
        "apps.development.demo",
        "apps.post.demo",
        "apps.payroll.demo",
        "apps.daily_reports.demo",
    ]


def test_the_kernel_imports_no_other_app():
    from pathlib import Path

    core = Path(apps.get_app_config("core").path)
    for path in core.rglob("*.py"):
        text = path.read_text()
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith(("from apps.", "import apps.")):
                assert stripped.startswith(("from apps.core", "import apps.core")), (path, line)
