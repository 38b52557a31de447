"""The Celery application. Without CELERY_BROKER_URL tasks run eagerly, in the web process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "producer_desk.settings")

app = Celery("producer_desk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="producer_desk.worker_pid")
def worker_pid() -> int:
    """Answers with the process id that ran it: lets tests and operators prove a worker is live."""
    return os.getpid()
