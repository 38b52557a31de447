"""The API's endpoints, one module per app. Each is a `ProductionEndpoint` (apps/api/access.py)
that declares its capabilities in one line, reads through the app's queries and writes through
its services, as the app's own pages do."""
