"""The kernel of Producer Desk. It imports no other app of the project.

money.py      currencies, the money field and the one rounding rule
documents.py  PDFs rendered from HTML templates (WeasyPrint)
exports.py    CSV and XLSX exports
charts.py     small SVG charts
errors.py     the domain error every service raises (plain Python)
view_helpers.py run_service: a view runs a service and shows its refusal (form or message)
locking.py    optimistic locking for records people edit together
outbox.py     outbound messages: the abstract row, the one claim/lease send task, the sweeper
validators.py uploads checked by their bytes
forms.py      form fields every app shares (choices by key that never make a server error)
models.py     what other apps' models build on (send states)
registry.py   the app registry: the AppConfig protocol every domain app follows
"""
