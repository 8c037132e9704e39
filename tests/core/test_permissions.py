import pytest

from ecobridge.core.permissions import can_create, can_edit, can_see_contact, visible
from ecobridge.directory.models import Need, Person, Technology

pytestmark = pytest.mark.django_db


def test_company_member_edits_own_organisation_people_and_technologies(owner, company, technology):
    person = Person.objects.create(organisation=company, name_native="김철수")
    assert can_edit(owner, company)
    assert can_edit(owner, person)
    assert can_edit(owner, technology)
    assert can_create(owner, Technology, company)


def test_company_member_cannot_touch_other_organisations(owner, other_company, need):
    other_tech = Technology.objects.create(owner=other_company, title={"en": "x"})
    assert not can_edit(owner, other_company)
    assert not can_edit(owner, other_tech)
    assert not can_create(owner, Technology, other_company)
    assert not can_edit(owner, need)


def test_company_member_cannot_publish_needs_for_own_company(owner, company):
    assert not can_create(owner, Need, company)


def test_counterpart_member_edits_needs_not_technologies(counterpart_member, counterpart, need):
    assert can_edit(counterpart_member, need)
    assert can_create(counterpart_member, Need, counterpart)
    assert not can_create(counterpart_member, Technology, counterpart)


def test_analyst_reads_everything_and_edits_nothing(
    analyst, company, technology, hidden_technology, draft_need
):
    assert not can_edit(analyst, company)
    assert not can_edit(analyst, technology)
    assert not can_create(analyst, Technology)
    assert hidden_technology in visible(analyst, Technology.objects.all())
    assert draft_need in visible(analyst, Need.objects.all())


def test_programme_officer_edits_directory_but_not_reference_data(officer, technology, countries):
    assert can_edit(officer, technology)
    assert not can_edit(officer, countries["KZ"])


def test_administrator_edits_reference_data(administrator, countries):
    assert can_edit(administrator, countries["KZ"])


def test_unpublished_and_draft_records_hidden_from_outsiders(
    outsider, owner, hidden_technology, technology, draft_need, need, counterpart_member
):
    assert list(visible(outsider, Technology.objects.all())) == [technology]
    assert hidden_technology in visible(owner, Technology.objects.all())
    assert list(visible(outsider, Need.objects.all())) == [need]
    assert draft_need in visible(counterpart_member, Need.objects.all())


def test_contact_details_need_consent(outsider, owner, company):
    private = Person.objects.create(organisation=company, name_native="A", email="a@x.org")
    public = Person.objects.create(
        organisation=company, name_native="B", email="b@x.org", consent_to_contact=True
    )
    assert not can_see_contact(outsider, private)
    assert can_see_contact(owner, private)
    assert can_see_contact(outsider, public)
