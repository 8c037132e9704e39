"""Mechanisms, their numbered meetings, and action items carried along the series."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from ecobridge.cooperation import services
from ecobridge.cooperation.models import MechanismMeeting

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_meeting_records_outcomes_decisions_and_adopted_documents(
    officer, mechanism, mou, countries
):
    meeting = services.create_record(
        officer,
        MechanismMeeting,
        {
            "mechanism": mechanism,
            "ordinal": 9,
            "held_on": datetime.date(2012, 5, 1),
            "held_on_precision": "month",
            "place": "Hanoi",
            "participant_countries": [countries["KR"], countries["KZ"]],
            "outcomes": {"en": "Assessed three projects."},
            "decisions": {"en": "Continue cooperation."},
            "priority_areas": {"en": "Soil and groundwater"},
            "adopted_agreements": [mou],
        },
    )
    assert meeting.held_on == datetime.date(2012, 5, 1)
    assert list(mou.adopted_at.all()) == [meeting]
    assert str(meeting) == "Korea-Kazakhstan environment ministers' meeting, meeting 9"


def test_meeting_numbers_are_unique_in_a_series(officer, mechanism):
    make_meeting(mechanism, 1, datetime.date(2010, 9, 1))
    with pytest.raises(ValidationError):
        make_meeting(mechanism, 1, datetime.date(2011, 9, 1))


def test_open_items_are_carried_to_later_meetings_until_closed(officer, mechanism):
    first = make_meeting(mechanism, 1, datetime.date(2010, 9, 1))
    second = make_meeting(mechanism, 2, datetime.date(2011, 9, 1))
    third = make_meeting(mechanism, 3, datetime.date(2012, 9, 1))
    fourth = make_meeting(mechanism, 4, datetime.date(2013, 9, 1))
    kept = services.add_action_item(
        officer, {"meeting": first, "title": {"en": "Draft work programme"}}
    )
    closed = services.add_action_item(
        officer, {"meeting": first, "title": {"en": "Exchange focal points"}}
    )
    assert list(services.carried_action_items(first)) == []
    assert set(services.carried_action_items(second)) == {kept, closed}
    services.close_action_item(officer, closed, datetime.date(2012, 9, 1), meeting=third)
    assert set(services.carried_action_items(third)) == {kept}
    assert set(services.carried_action_items(fourth)) == {kept}
    # the second meeting still shows both: the item was open then
    assert set(services.carried_action_items(second)) == {kept, closed}


def test_meeting_page_shows_carried_items(client, officer, mechanism):
    first = make_meeting(mechanism, 1, datetime.date(2010, 9, 1))
    second = make_meeting(mechanism, 2, datetime.date(2011, 9, 1))
    item = services.add_action_item(
        officer, {"meeting": first, "title": {"en": "Joint study on dust"}}
    )
    page = client.get(second.get_absolute_url()).content.decode()
    assert f'id="carried-{item.pk}"' in page and "Joint study on dust" in page
    client.force_login(officer)
    response = client.post(
        f"/cooperation/actions/{item.pk}/close/", {"on": "2011-09-01", "meeting": second.pk}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.closed_at_meeting == second
    third = make_meeting(mechanism, 3, datetime.date(2012, 9, 1))
    assert "Joint study on dust" not in client.get(third.get_absolute_url()).content.decode()
