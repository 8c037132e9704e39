"""The whole demo dataset loads, and a second load writes nothing."""

import pytest
from django.apps import apps

from ecobridge.core.demo import load_demo
from ecobridge.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_full_demo_load_is_idempotent(settings, tmp_path):
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    first = load_demo()
    assert set(first) >= {
        "directory",
        "insights",
        "alerts",
        "cooperation",
        "certification",
        "events",
    }
    counts = _counts()
    audit = list(AuditEntry.objects.values_list("pk", flat=True))
    second = load_demo()
    assert _counts() == counts
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == audit
    assert second["directory"]["organisations"] == {"unchanged": 25}
