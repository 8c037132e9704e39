"""Settings for the test suite: the real settings with a throw-away data directory."""

import os
import tempfile

os.environ.setdefault("ECOBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="ecobridge-test-"))
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# Loading embedding models is slow; tests of matching turn these on where they need them.
os.environ.setdefault("MATCHING_ENABLED", "false")
os.environ.setdefault("MATCHING_AUTO_INDEX", "false")

from ecobridge.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so a real job worker process can share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
