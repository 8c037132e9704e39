"""Who may see and act on certification records.

- Company members see and act on their own organisation's applications only.
- Certification reviewers of an institution see and act on the cases of its schemes only.
- Administrators see everything and may act in either role (support desk).
- Other staff (programme officers, analysts) see the dashboard, read-only.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ecobridge.core.models import MembershipRole

COMPANY = "company"
REVIEWER = "reviewer"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return _active(user) and user.is_administrator


def member_org_ids(user, role: str) -> set[int]:
    if not _active(user) or not hasattr(user, "memberships"):
        return set()
    return set(user.memberships.filter(role=role).values_list("organisation_id", flat=True))


def company_org_ids(user) -> set[int]:
    return member_org_ids(user, MembershipRole.COMPANY_MEMBER)


def reviewer_institution_ids(user) -> set[int]:
    return member_org_ids(user, MembershipRole.CERTIFICATION_REVIEWER)


def is_company_member(user, organisation_id: int) -> bool:
    return organisation_id in company_org_ids(user)


def is_scheme_reviewer(user, scheme) -> bool:
    return scheme.institution_id in reviewer_institution_ids(user)


def has_role(user, case, role: str) -> bool:
    """Does ``user`` hold ``role`` (COMPANY or REVIEWER) on ``case``?"""
    if is_admin(user):
        return True
    if role == COMPANY:
        return is_company_member(user, case.application.organisation_id)
    if role == REVIEWER:
        return is_scheme_reviewer(user, case.scheme)
    return False


def can_manage_schemes(user) -> bool:
    return is_admin(user)


def can_apply(user, technology) -> bool:
    return is_admin(user) or is_company_member(user, technology.owner_id)


def visible_cases(user, queryset: QuerySet) -> QuerySet:
    if is_admin(user):
        return queryset
    if not _active(user):
        return queryset.none()
    return queryset.filter(
        Q(application__organisation_id__in=company_org_ids(user))
        | Q(scheme__institution_id__in=reviewer_institution_ids(user), submitted_at__isnull=False)
    )


def visible_applications(user, queryset: QuerySet) -> QuerySet:
    if is_admin(user):
        return queryset
    if not _active(user):
        return queryset.none()
    return queryset.filter(
        Q(organisation_id__in=company_org_ids(user))
        | Q(
            cases__scheme__institution_id__in=reviewer_institution_ids(user),
            cases__submitted_at__isnull=False,
        )
    ).distinct()


def can_view_case(user, case) -> bool:
    from ecobridge.certification.models import Case

    return visible_cases(user, Case.objects.filter(pk=case.pk)).exists()


def can_view_application(user, application) -> bool:
    from ecobridge.certification.models import Application

    return visible_applications(user, Application.objects.filter(pk=application.pk)).exists()


def can_edit_application(user, application) -> bool:
    return is_admin(user) or is_company_member(user, application.organisation_id)


def can_add_document(user, application) -> bool:
    """The company, and reviewers of a scheme the application was submitted to (their test
    and verification reports then serve the other schemes too)."""
    if can_edit_application(user, application):
        return True
    institutions = reviewer_institution_ids(user)
    return (
        bool(institutions)
        and application.cases.filter(
            scheme__institution_id__in=institutions, submitted_at__isnull=False
        ).exists()
    )


def can_view_dashboard(user) -> bool:
    return _active(user) and (user.is_ecobridge_staff or bool(reviewer_institution_ids(user)))


def dashboard_cases(user, queryset: QuerySet) -> QuerySet:
    """Staff see every case; reviewers those of their institutions' schemes."""
    if _active(user) and user.is_ecobridge_staff:
        return queryset.exclude(submitted_at__isnull=True)
    return queryset.filter(
        scheme__institution_id__in=reviewer_institution_ids(user), submitted_at__isnull=False
    )
