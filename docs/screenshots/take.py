"""Screenshots of the real pages for the README, taken from a running server with the demo seeded.

python3 dev.py &                                  # serve the demo on :8000
.venv/bin/python manage.py seed_demo --size large # the large demo's pages (skipped without it)
.venv/bin/python docs/screenshots/take.py         # writes docs/screenshots/*.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one place for the browser flags)

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent

# (file name, path, how): "full" page, "top" of the page only, or "phone" (390 px wide).
# Paths that do not exist yet are skipped.
PAGES = [
    ("productions", "/productions/", "full"),
    ("dashboard", "/p/night-ferry/", "full"),
    ("members", "/p/night-ferry/members/", "full"),
    ("audit", "/p/night-ferry/audit/", "top"),
    ("budget-top-sheet", "/p/night-ferry/budget/", "top"),
    ("cost-report", "/p/night-ferry/budget/cost-report/", "top"),
    ("stripboard", "/p/night-ferry/schedule/", "top"),
    ("breakdown-scenes", "/p/night-ferry/schedule/scenes/", "top"),
    ("revision-report", "/p/night-ferry/schedule/scenes/import/2/", "top"),
    ("scenario-compare", "/p/night-ferry/schedule/scenarios/compare/?s=1", "top"),
    ("calendar", "/p/night-ferry/schedule/calendar/", "full"),
    ("dood", "/p/night-ferry/schedule/reports/dood/", "full"),
    ("crew-list", "/p/night-ferry/crew/", "top"),
    ("crew-days", "/p/night-ferry/crew/days/", "top"),
    ("hiring-board", "/p/night-ferry/crew/openings/1/", "top"),
    ("deal-memo", "/p/night-ferry/crew/memos/1/", "top"),
    ("purchase-orders", "/p/night-ferry/vendors/orders/", "top"),
    ("purchase-order-revision", "/p/night-ferry/vendors/orders/4/", "full"),
    ("quote-comparison", "/p/night-ferry/vendors/quotes/1/", "top"),
    ("callsheets", "/p/night-ferry/callsheets/", "top"),
    ("callsheet", "/p/night-ferry/callsheets/1/", "top"),
    ("callsheet-phone", "/p/night-ferry/callsheets/1/", "phone"),
    ("dashboard-phone", "/p/night-ferry/", "phone"),
    ("api-tokens", "/accounts/profile/", "top"),
    ("api-reference", "/api/docs/", "top"),
    ("slate", "/slate/", "top"),
    ("development-project", "/p/salt-road/development/", "top"),
    ("finance-plan", "/p/night-ferry/development/finance/", "top"),
    ("cash-flow", "/p/night-ferry/development/finance/cash-flow/", "top"),
    ("pitch-package", "/p/night-ferry/development/pitch/", "top"),
    ("post-schedule", "/p/night-ferry/post/", "top"),
    ("deliverables", "/p/night-ferry/post/deliverables/1/", "top"),
    ("screening", "/p/night-ferry/post/screenings/1/", "top"),
    ("screening-feedback", "/p/night-ferry/post/screenings/1/summary/", "top"),
    ("festivals", "/p/night-ferry/post/festivals/", "top"),
    ("distribution-grid", "/p/night-ferry/post/distribution/grid/", "top"),
    ("casting-roles", "/p/night-ferry/casting/", "top"),
    # The large demo (`seed_demo --size large` after the small one), 45 days into its shoot.
    ("large-dashboard", "/p/night-ferry-large/", "top"),
    ("daily-report", "/p/night-ferry-large/daily-reports/45/", "top"),
    ("daily-report-edit-phone", "/p/night-ferry-large/daily-reports/46/edit/", "phone"),
    ("hot-costs", "/p/night-ferry-large/hot-costs/", "top"),
    ("hot-cost-day", "/p/night-ferry-large/hot-costs/45/", "top"),
    ("cost-period", "/p/night-ferry-large/budget/cost-report/periods/8/", "top"),
    (
        "cost-periods-compared",
        "/p/night-ferry-large/budget/cost-report/periods/compare/?a=7&b=8",
        "top",
    ),
    ("timecards", "/p/night-ferry-large/timecards/", "top"),
    ("timecard-phone", "/p/night-ferry-large/timecards/955/", "phone"),
]


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        desktop = browser.new_context(viewport={"width": 1360, "height": 900})
        page = desktop.new_page()
        page.goto(BASE + "/accounts/login/")
        page.screenshot(path=OUT / "login.png")
        page.get_by_label("E-mail").fill("ap@demo.producerdesk.test")
        page.get_by_label("Password").fill("demo-desk-2026")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/productions/")
        phone = browser.new_context(
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            storage_state=desktop.storage_state(),
        )
        only = set(filter(None, os.environ.get("SCREENSHOTS", "").split(",")))  # names, or all
        for name, path, how in PAGES:
            if only and name not in only:
                continue
            target = phone.new_page() if how == "phone" else page
            response = target.goto(BASE + path)
            if response is None or response.status != 200:
                print(f"skipped {path}: {response.status if response else 'no response'}")
                continue
            target.screenshot(path=OUT / f"{name}.png", full_page=how == "full")
            print(f"wrote {name}.png")
        browser.close()


if __name__ == "__main__":
    main()
