"""The Celery application. Without CELERY_BROKER_URL tasks run eagerly, in the web process."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, worker_init

from producer_desk.redaction import add_filter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "producer_desk.settings")

app = Celery("producer_desk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _redact_worker_logs(logger, **kwargs) -> None:
    """The worker sets up its own log handlers, not settings.LOGGING's: redact there too. Tasks
    take ids, never tokens or message bodies (tests/security/test_log_redaction.py checks), and
    return short outcomes, so the worker's "received"/"succeeded" lines carry neither."""
    add_filter(logger)


@worker_init.connect
def _yield_to_the_pages(**kwargs) -> None:
    """On the cores the web shares with the worker, a person waiting on a page comes first: the
    worker (and every pool process it starts) runs WORKER_NICENESS below the web's priority."""
    from django.conf import settings

    if settings.WORKER_NICENESS:
        os.nice(settings.WORKER_NICENESS)


@app.task(name="producer_desk.worker_pid")
def worker_pid() -> int:
    """Answers with the process id that ran it: lets tests and operators prove a worker is live."""
    return os.getpid()
