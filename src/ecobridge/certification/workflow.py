"""The case state machine as one table: which transition, from which states, by whom.

Each transition has exactly one domain function in :mod:`ecobridge.certification.services`
that looks its row up here, so the rules live in one place and the web pages, the API
and the command line cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ecobridge.certification.models import STAGE_ORDER, CaseStatus, Stage
from ecobridge.certification.rules import COMPANY, REVIEWER

# Target markers besides a concrete status.
NEXT = "<next stage>"  # the next stage in the scheme's own stage list
SAME = "<same stage>"  # the case stays where it is (supplement requests and answers)

# Stages in which the institution holds the file and the legal clock runs.
WORKING = frozenset(
    {
        CaseStatus.APPLICATION,
        CaseStatus.REVIEW,
        CaseStatus.CLAIM_SPECIFICATION,
        CaseStatus.VERIFICATION_PLAN,
        CaseStatus.TESTING,
        CaseStatus.REPORT,
        CaseStatus.DECISION,
    }
)
# Stages every scheme must have: the rest (claim, plan, testing, report) are optional.
REQUIRED_STAGES = (
    Stage.APPLICATION,
    Stage.REVIEW,
    Stage.DECISION,
    Stage.CERTIFICATE,
    Stage.PUBLISHED,
)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    role: str


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "submit", _("Submit"), frozenset({CaseStatus.DRAFT}), CaseStatus.APPLICATION, COMPANY
        ),
        Transition(
            "start_review",
            _("Accept the application for review"),
            frozenset({CaseStatus.APPLICATION}),
            NEXT,
            REVIEWER,
        ),
        Transition(
            "advance",
            _("Complete this stage"),
            frozenset(
                {
                    CaseStatus.REVIEW,
                    CaseStatus.CLAIM_SPECIFICATION,
                    CaseStatus.VERIFICATION_PLAN,
                    CaseStatus.TESTING,
                    CaseStatus.REPORT,
                }
            ),
            NEXT,
            REVIEWER,
        ),
        Transition(
            "accept_existing_data",
            _("Accept existing test data"),
            frozenset({CaseStatus.TESTING}),
            NEXT,
            REVIEWER,
        ),
        Transition("request_supplement", _("Request a supplement"), WORKING, SAME, REVIEWER),
        Transition("answer_supplement", _("Answer the supplement request"), WORKING, SAME, COMPANY),
        Transition(
            "issue_certificate",
            _("Issue the certificate or statement"),
            frozenset({CaseStatus.DECISION}),
            CaseStatus.CERTIFICATE,
            REVIEWER,
        ),
        Transition(
            "publish",
            _("Publish"),
            frozenset({CaseStatus.CERTIFICATE}),
            CaseStatus.PUBLISHED,
            REVIEWER,
        ),
        Transition("reject", _("Reject"), WORKING, CaseStatus.REJECTED, REVIEWER),
        Transition(
            "withdraw",
            _("Withdraw"),
            WORKING | {CaseStatus.DRAFT},
            CaseStatus.WITHDRAWN,
            COMPANY,
        ),
    ]
}

CLOSING = frozenset(
    {CaseStatus.CERTIFICATE, CaseStatus.PUBLISHED, CaseStatus.REJECTED, CaseStatus.WITHDRAWN}
)


def target_status(transition: Transition, current: str, stages: list[str]) -> str:
    """The status a case reaches; ``stages`` is the scheme's ordered stage list."""
    if transition.target == SAME:
        return current
    if transition.target != NEXT:
        return transition.target
    position = stages.index(current)
    return stages[position + 1]


def validate_stages(stages: list[str]) -> list[str]:
    """Problems with a scheme's stage list (empty when fine)."""
    problems = []
    unknown = [s for s in stages if s not in STAGE_ORDER]
    if unknown:
        problems.append(f"unknown stage(s): {', '.join(unknown)}")
    missing = [s for s in REQUIRED_STAGES if s not in stages]
    if missing:
        problems.append(f"missing required stage(s): {', '.join(missing)}")
    if len(set(stages)) != len(stages):
        problems.append("a stage is listed twice")
    known = [s for s in stages if s in STAGE_ORDER]
    if known != sorted(known, key=STAGE_ORDER.index):
        problems.append("stages must follow the standard order")
    return problems
