"""The kernel of Producer Desk. It imports no other app of the project.

money.py      currencies, the money field and the one rounding rule
documents.py  PDFs rendered from HTML templates (WeasyPrint)
exports.py    CSV and XLSX exports with inert cells
charts.py     small SVG charts
errors.py     the domain error every service raises (plain Python)
view_helpers.py run_service: a view runs a service and shows its refusal (form or message)
locking.py    optimistic locking for records people edit together
dispatch.py   handing outbound work to the worker; the sweeper
sending.py    sending one message for one row and recording how it went
validators.py uploads checked by their bytes
registry.py   the app registry: the AppConfig protocol every domain app follows
"""
