"""Celery application. Tasks are thin wrappers around domain functions."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecobridge.settings")

app = Celery("ecobridge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
