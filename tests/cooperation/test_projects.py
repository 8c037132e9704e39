"""Projects shaped like IATI activities, and trainings with participants by country."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ecobridge.cooperation import services
from ecobridge.cooperation.iati import codelist
from ecobridge.cooperation.models import (
    ActivityStatus,
    Budget,
    Indicator,
    OrganisationRole,
    Project,
    ProjectParticipant,
    ProjectStage,
    Result,
    Training,
    TrainingParticipation,
    Transaction,
)

pytestmark = pytest.mark.django_db


def test_status_and_roles_follow_the_iati_codelists():
    assert set(ActivityStatus.values) == set(codelist("ActivityStatus"))
    assert set(codelist("OrganisationRole").values()) >= {
        "Funding",
        "Accountable",
        "Extending",
        "Implementing",
    }
    assert set(OrganisationRole.values) == set(codelist("OrganisationRole"))


def test_project_with_roles_budgets_transactions_stages_and_results(
    officer, project, ministry, company
):
    for org, role in [(ministry, "1"), (company, "4")]:
        services.create_record(
            officer, ProjectParticipant, {"project": project, "organisation": org, "role": role}
        )
    services.create_record(
        officer, ProjectParticipant, {"project": project, "name": "Almaty Su", "role": "3"}
    )
    services.create_record(
        officer,
        Budget,
        {
            "project": project,
            "period_start": datetime.date(2022, 1, 1),
            "period_end": datetime.date(2022, 12, 31),
            "value": Decimal("300000"),
            "currency": "USD",
            "value_date": datetime.date(2022, 1, 1),
        },
    )
    services.create_record(
        officer,
        Transaction,
        {
            "project": project,
            "transaction_type": "3",
            "date": datetime.date(2022, 6, 1),
            "value": Decimal("150000"),
            "currency": "USD",
            "value_date": datetime.date(2022, 6, 1),
        },
    )
    services.create_record(
        officer,
        ProjectStage,
        {
            "project": project,
            "ordinal": 4,
            "sub_ordinal": 1,
            "name": {"en": "Stage 4, year 1"},
            "starts_on": datetime.date(2012, 7, 1),
            "starts_on_precision": "month",
            "ends_on": datetime.date(2013, 6, 1),
            "ends_on_precision": "month",
            "status": "completed",
            "budget": Decimal("300000"),
            "currency": "USD",
            "funding_source": "Korea-ASEAN Special Cooperation Fund",
        },
    )
    result = services.create_record(
        officer,
        Result,
        {"project": project, "result_type": "1", "title": {"en": "Meters installed"}},
    )
    services.create_record(
        officer,
        Indicator,
        {
            "result": result,
            "title": {"en": "Households metered"},
            "baseline_year": 2021,
            "baseline_value": 0,
            "target_value": 5000,
            "actual_value": 3200,
        },
    )
    project.refresh_from_db()
    assert [p.get_role_display() for p in project.participants.all()] == [
        "Funding",
        "Extending",
        "Implementing",
    ]
    assert project.stages.get().funding_source.startswith("Korea-ASEAN")
    assert project.results.get().indicators.get().actual_value == 3200


def test_project_validation_names_the_field(officer, project):
    with pytest.raises(ValidationError) as exc:
        services.update_record(officer, project, {"planned_end": datetime.date(2020, 1, 1)})
    assert "planned_end" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.update_record(
            officer, Project.objects.get(pk=project.pk), {"default_currency": "usd"}
        )
    assert "default_currency" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.set_project_status(officer, Project.objects.get(pk=project.pk), "7")
    assert "status" in exc.value.message_dict


def test_analyst_cannot_change_a_project(analyst, project):
    with pytest.raises(PermissionDenied):
        services.set_project_status(analyst, project, "3")


def test_link_project_to_agreement_is_audited_and_idempotent(officer, project, mou):
    from ecobridge.core.models import AuditEntry

    services.link_project(officer, mou, project)
    services.link_project(officer, mou, project)
    assert list(mou.projects.all()) == [project]
    assert AuditEntry.objects.filter(action="project.link").count() == 1


def test_training_with_participants_by_country(officer, countries, sectors):
    training = services.create_record(
        officer,
        Training,
        {
            "key": "asean-invitation-2012",
            "kind": "training",
            "title": {"en": "Invitation training"},
            "topic": {"en": "Coping with climate change"},
            "starts_on": datetime.date(2012, 6, 10),
            "ends_on": datetime.date(2012, 6, 27),
            "participants_total": 16,
            "host_country": countries["KR"],
        },
    )
    TrainingParticipation.objects.create(
        training=training, group="ASEAN member countries", count=16
    )
    TrainingParticipation.objects.create(training=training, country=countries["KZ"], count=2)
    assert [str(p) for p in training.participation.all()] == [
        "ASEAN member countries: 16",
        "Kazakhstan: 2",
    ]
    with pytest.raises(ValidationError):
        services.update_record(officer, training, {"ends_on": datetime.date(2012, 6, 1)})
