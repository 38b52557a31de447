"""gunicorn settings: `gunicorn -c producer_desk/gunicorn_conf.py producer_desk.wsgi`.

Every value can be changed with GUNICORN_* environment variables; the defaults suit one small
server behind a reverse proxy that terminates TLS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then; jitter keeps them from restarting together
max_requests_jitter = 200
accesslog = "-"
# Request paths carry the tokens of the public links: the logger class redacts them (and secrets in
# query strings and referers) from the access and error logs.
logger_class = "producer_desk.redaction.RedactingGunicornLogger"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    """Each web worker, its app loaded: import every view (the URLconf), then move all it holds
    into the garbage collector's permanent generation (gc.freeze). Python's full collection
    otherwise walks those ~250,000 objects now and then: a pause of about 100 ms that lands on
    whichever request happens to be running (docs/benchmarks.md, "Load test")."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - resolving the URLconf imports every view
    gc.collect()
    gc.freeze()
