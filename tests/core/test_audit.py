import pytest
from django.core.exceptions import PermissionDenied

from ecobridge.core.models import AuditEntry
from ecobridge.directory import services
from ecobridge.directory.models import Technology

pytestmark = pytest.mark.django_db


def test_update_records_who_what_and_changed_fields(owner, technology):
    services.update_technology(
        owner,
        technology,
        {"description": {"en": "Finds leaks.", "ko": "누수를 찾습니다."}, "trl": 9},
    )
    entry = AuditEntry.objects.get(action="update")
    assert entry.actor == owner
    assert entry.object_type == "directory.Technology"
    assert entry.object_id == str(technology.pk)
    assert set(entry.changes) == {"description", "trl"}
    assert entry.changes["trl"] == [8, 9]


def test_update_without_change_writes_nothing(owner, technology):
    before = Technology.objects.get(pk=technology.pk).updated_at
    changes = services.apply_update(owner, technology, {"trl": 8})
    assert changes == {}
    assert not AuditEntry.objects.exists()
    assert Technology.objects.get(pk=technology.pk).updated_at == before


def test_create_records_all_fields_including_sectors(owner, company, sectors):
    tech = services.create_technology(
        owner, {"owner": company, "title": {"en": "UV"}, "sectors": [sectors["14022"]]}
    )
    entry = AuditEntry.objects.get(action="create")
    assert entry.object_id == str(tech.pk)
    assert entry.changes["sectors"] == [None, [str(sectors["14022"].pk)]]


def test_refused_write_leaves_no_trace(member, technology):
    with pytest.raises(PermissionDenied):
        services.update_technology(member, technology, {"trl": 1})
    technology.refresh_from_db()
    assert technology.trl == 8
    assert not AuditEntry.objects.exists()


def test_invalid_write_is_rolled_back(owner, technology):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        services.update_technology(owner, technology, {"trl": 12})
    assert "trl" in excinfo.value.message_dict
    assert Technology.objects.get(pk=technology.pk).trl == 8
    assert not AuditEntry.objects.exists()
