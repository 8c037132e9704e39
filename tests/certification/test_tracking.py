"""Dashboard figures computed from real cases: medians per scheme and stage, time lost."""

import datetime as dt

import pytest

from ecobridge.certification import services
from ecobridge.certification.models import Case
from ecobridge.certification.tracking import dashboard
from tests.certification.conftest import pdf_upload

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def _certified(owner, reviewer, technology, scheme, review_days, supplement_days=0):
    application = services.create_application(
        owner, technology=technology, schemes=[scheme], claim="c"
    )
    services.add_document(owner, application, "technology_description", pdf_upload())
    services.submit_application(owner, application, now=T0)
    case = application.cases.get()
    services.start_review(reviewer, case, now=at(1))
    if supplement_days:
        services.request_supplement(reviewer, case, "more", dt.date(2026, 12, 1), now=at(2))
        services.answer_supplement(owner, case, "ok", now=at(2 + supplement_days))
    end = 1 + review_days + supplement_days
    services.advance_case(reviewer, case, now=at(end))  # review → testing
    services.advance_case(reviewer, case, now=at(end + 10))  # testing → decision
    services.issue_certificate(reviewer, case, "c", now=at(end + 12))
    return case


def test_medians_and_time_lost(owner, reviewer, technology, scheme):
    _certified(owner, reviewer, technology, scheme, review_days=10)
    _certified(owner, reviewer, technology, scheme, review_days=30, supplement_days=8)
    data = dashboard(Case.objects.all(), now=at(100))
    # Days used: 1 + 10 + 12 = 23 and 1 + 30 + 12 = 43 (8 paused days excluded) → median 33.
    assert [(s.code, d) for s, d in data["scheme_medians"]] == [("KTL-PERF", pytest.approx(33))]
    stages = [(stage, days) for _s, stage, days in data["stage_medians"]]
    assert [s for s, _d in stages] == [
        "application",
        "review",
        "testing",
        "decision",
        "certificate",
    ]
    assert dict(stages)["review"] == pytest.approx(20)
    assert dict(stages)["testing"] == pytest.approx(10)
    lost = dict(data["time_lost"])
    assert lost["review"] == pytest.approx(10)  # 30 days against a 20-day limit
    assert lost["supplements"] == pytest.approx(8)
