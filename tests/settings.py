"""Settings for the test suite: the real settings with a throw-away data directory."""

import os
import tempfile

os.environ.setdefault("ECOBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="ecobridge-test-"))
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from ecobridge.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
