"""The kernel of Producer Desk. It imports no other app of the project.

money.py      currencies, the money field and the one rounding rule
documents.py  PDFs rendered from HTML templates (WeasyPrint)
exports.py    CSV and XLSX exports with inert cells
charts.py     small SVG charts
errors.py     the domain error every service raises, and how a view shows it
locking.py    optimistic locking for records people edit together
dispatch.py   handing outbound work to the worker; the sweeper
sending.py    sending one message for one row and recording how it went
validators.py uploads checked by their bytes
registry.py   the app registry: the AppConfig protocol every domain app follows
"""
