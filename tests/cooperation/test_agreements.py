"""Agreements: parties, lifecycle through one domain function, documents, action items."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ecobridge.cooperation import services
from ecobridge.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementKind,
    AgreementStatus,
    format_partial,
)
from ecobridge.core.actors import SYSTEM
from ecobridge.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_kind_of_agreement_is_known():
    assert set(AgreementKind.values) == {
        "mou",
        "agreement",
        "implementation_agreement",
        "joint_communique",
        "declaration",
        "ministerial_decision",
        "work_programme",
    }


def test_an_agreement_needs_a_party(officer):
    with pytest.raises(ValidationError) as exc:
        services.create_agreement(
            officer, {"key": "x", "kind": "mou", "title": {"en": "No parties"}}
        )
    assert "party_countries" in exc.value.message_dict


def test_parties_may_be_organisations_and_multilateral(officer, countries, ministry, counterpart):
    from ecobridge.directory.models import Country

    jp = Country.objects.create(
        code="JP", alpha3="JPN", numeric="392", region="east_asia", names={"en": "Japan"}
    )
    agreement = services.create_agreement(
        officer,
        {
            "key": "tri",
            "kind": "joint_communique",
            "title": {"en": "Joint communiqué"},
            "party_countries": [countries["KR"], countries["KZ"], jp],
            "party_organisations": [ministry, counterpart],
        },
    )
    assert agreement.is_multilateral
    assert set(agreement.party_organisations.all()) == {ministry, counterpart}


def test_new_agreement_starts_as_draft_and_is_audited(officer, countries):
    agreement = services.create_agreement(
        officer,
        {"key": "a1", "kind": "mou", "title": {"en": "A"}, "party_countries": [countries["KZ"]]},
    )
    assert agreement.status == AgreementStatus.DRAFT
    assert AuditEntry.objects.filter(action="create", object_id=str(agreement.pk)).exists()


def test_full_lifecycle_is_dated_and_audited(officer, draft):
    services.sign_agreement(officer, draft, datetime.date(2021, 3, 15))
    services.bring_into_force(officer, draft, datetime.date(2021, 4, 1))
    services.expire_agreement(officer, draft, datetime.date(2024, 4, 1))
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.EXPIRED
    assert draft.signed_on == datetime.date(2021, 3, 15)
    assert draft.in_force_on == datetime.date(2021, 4, 1)
    assert draft.ended_on == datetime.date(2024, 4, 1)
    steps = [(h.from_status, h.to_status, h.on) for h in draft.history.all()]
    assert steps == [
        ("draft", "signed", datetime.date(2021, 3, 15)),
        ("signed", "in_force", datetime.date(2021, 4, 1)),
        ("in_force", "expired", datetime.date(2024, 4, 1)),
    ]
    actions = list(
        AuditEntry.objects.filter(object_id=str(draft.pk), object_type="cooperation.Agreement")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "agreement.signed", "agreement.in_force", "agreement.expired"]


@pytest.mark.parametrize(
    ("steps", "bad"),
    [
        ([], "in_force"),  # a draft cannot come into force unsigned
        ([], "expired"),
        (["signed", "terminated"], "in_force"),  # terminated is final
        (["signed", "in_force"], "draft"),
    ],
)
def test_illegal_transitions_are_refused(officer, draft, steps, bad):
    for step in steps:
        services.transition_agreement(officer, draft, step, datetime.date(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.transition_agreement(officer, draft, bad, datetime.date(2023, 1, 1))


def test_renewal_names_its_successor(officer, mou, countries):
    successor = services.create_agreement(
        officer,
        {
            "key": "mou-2",
            "kind": "mou",
            "title": {"en": "Renewed MOU"},
            "party_countries": [countries["KZ"]],
        },
    )
    services.renew_agreement(officer, mou, datetime.date(2026, 8, 17), successor=successor)
    successor.refresh_from_db()
    assert successor.renews == mou
    assert Agreement.objects.get(pk=mou.pk).status == AgreementStatus.RENEWED


def test_status_cannot_be_edited_directly(officer, mou):
    with pytest.raises(ValidationError):
        services.update_agreement(officer, mou, {"status": "expired"})
    with pytest.raises(ValidationError):
        services.update_record(officer, mou, {"status": "expired"})


def test_partial_dates_keep_their_precision(officer, draft):
    services.sign_agreement(officer, draft, datetime.date(2021, 3, 19), precision="month")
    draft.refresh_from_db()
    assert draft.signed_on == datetime.date(2021, 3, 1)
    assert draft.signed_on_precision == "month"
    assert format_partial(draft.signed_on, draft.signed_on_precision) == "2021-03"
    assert format_partial(datetime.date(2002, 1, 1), "year") == "2002"


def test_expiry_before_signature_is_refused(officer, mou):
    with pytest.raises(ValidationError) as exc:
        services.update_agreement(officer, mou, {"expires_on": datetime.date(2020, 1, 1)})
    assert "expires_on" in exc.value.message_dict


@pytest.mark.parametrize("persona", ["analyst", "owner", "member", "outsider"])
def test_only_officers_and_administrators_write(request, persona, draft, countries):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.sign_agreement(user, draft, datetime.date(2021, 1, 1))
    with pytest.raises(PermissionDenied):
        services.create_agreement(
            user,
            {"key": "z", "kind": "mou", "title": {"en": "Z"}, "party_countries": [countries["KZ"]]},
        )


def test_administrator_writes(administrator, draft):
    services.sign_agreement(administrator, draft, datetime.date(2021, 1, 1))
    assert Agreement.objects.get(pk=draft.pk).status == "signed"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_documents_accept_pdf_and_docx_only(officer, mou):
    pdf = services.add_document(officer, mou, SimpleUploadedFile("text.pdf", b"%PDF-1.7 test"))
    docx = services.add_document(
        officer, mou, SimpleUploadedFile("text.docx", _docx()), "Text (ko)"
    )
    assert (pdf.file_format, docx.file_format) == ("pdf", "docx")
    assert mou.documents.count() == 2
    for name, content in [
        ("fake.pdf", b"MZ executable"),
        ("fake.docx", b"not a zip"),
        ("notes.txt", b"hello"),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.add_document(officer, mou, SimpleUploadedFile(name, content))
        assert "file" in exc.value.message_dict
    assert mou.documents.count() == 2


def test_contact_points_on_each_side(officer, mou, countries, ministry):
    from ecobridge.cooperation.models import ContactPoint

    services.create_record(
        officer,
        ContactPoint,
        {
            "agreement": mou,
            "side": countries["KR"],
            "organisation": ministry,
            "name": "Water Industry Division",
        },
    )
    services.create_record(
        officer,
        ContactPoint,
        {"agreement": mou, "side": countries["KZ"], "name": "Committee for Water Resources"},
    )
    assert sorted(c.side.code for c in mou.contact_points.all()) == ["KR", "KZ"]
    with pytest.raises(ValidationError):
        services.create_record(officer, ContactPoint, {"agreement": mou, "side": countries["KZ"]})


def test_action_items_have_owner_due_date_and_status(officer, mou):
    item = services.add_action_item(
        officer,
        {
            "agreement": mou,
            "title": {"en": "Exchange contact lists"},
            "owner": officer,
            "due_on": datetime.date(2021, 10, 1),
        },
    )
    assert item.is_open and item.is_overdue(datetime.date(2021, 10, 2))
    services.close_action_item(officer, item, datetime.date(2021, 9, 30))
    item.refresh_from_db()
    assert item.status == "done" and item.closed_on == datetime.date(2021, 9, 30)
    assert not item.is_overdue(datetime.date(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.close_action_item(officer, item, datetime.date(2021, 10, 1))
    with pytest.raises(ValidationError):
        services.add_action_item(officer, {"title": {"en": "Orphan"}})
    assert ActionItem.objects.count() == 1


def test_system_actor_writes_for_the_command_line(draft):
    services.sign_agreement(SYSTEM, draft, datetime.date(2020, 1, 1))
    assert draft.history.get().actor_label == "system"
