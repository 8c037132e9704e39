"""Who may see and change what. Views, the API and the command line all ask here.

- Administrators and programme officers edit the whole directory.
- Analysts read everything and change nothing.
- Members of an organisation edit that organisation and its people; company members its
  technologies, counterpart members its needs. Everyone else reads published records.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from ecobridge.core.models import MembershipRole

ANY_MEMBER = frozenset(MembershipRole.values)
# Which membership roles may edit records of each kind owned by their organisation.
MEMBER_EDIT_ROLES: dict[str, frozenset[str]] = {
    "directory.Organisation": ANY_MEMBER,
    "directory.Person": ANY_MEMBER,
    "directory.Technology": frozenset({MembershipRole.COMPANY_MEMBER}),
    "directory.Need": frozenset({MembershipRole.COUNTERPART_MEMBER}),
}
# Reference data only administrators change.
ADMIN_ONLY = frozenset({"directory.Country", "directory.Sector"})


def organisation_of(obj: Model):
    """The organisation that owns a directory record (itself for an organisation)."""
    label = obj._meta.label
    if label == "directory.Organisation":
        return obj
    attribute = "owner" if label == "directory.Technology" else "organisation"
    try:
        return getattr(obj, attribute, None)
    except Exception:  # an unsaved record without its organisation yet
        return None


def member_roles(user, organisation) -> set[str]:
    if not user.is_authenticated or organisation is None or organisation.pk is None:
        return set()
    return set(user.memberships.filter(organisation=organisation).values_list("role", flat=True))


def is_staff_editor(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_administrator or user.is_programme_officer)
    )


def can_edit(user, obj: Model) -> bool:
    label = obj._meta.label
    if not user.is_authenticated or not user.is_active:
        return False
    if label in ADMIN_ONLY:
        return user.is_administrator
    if is_staff_editor(user):
        return True
    roles = MEMBER_EDIT_ROLES.get(label, frozenset())
    return bool(member_roles(user, organisation_of(obj)) & roles)


def can_create(user, model: type[Model], organisation=None) -> bool:
    """May ``user`` create a ``model`` record owned by ``organisation``?

    With ``organisation=None`` the question is whether they may create one for *some*
    organisation (used to show or hide "New" buttons).
    """
    label = model._meta.label
    if not user.is_authenticated or not user.is_active:
        return False
    if label in ADMIN_ONLY:
        return user.is_administrator
    if is_staff_editor(user):
        return True
    if label == "directory.Organisation":
        return False  # new organisations are registered by staff
    roles = MEMBER_EDIT_ROLES.get(label, frozenset())
    if organisation is None:
        return user.memberships.filter(role__in=roles).exists()
    return bool(member_roles(user, organisation) & roles)


def creatable_organisations(user, model: type[Model]) -> QuerySet:
    from ecobridge.directory.models import Organisation

    if is_staff_editor(user):
        return Organisation.objects.all()
    roles = MEMBER_EDIT_ROLES.get(model._meta.label, frozenset())
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=roles
    ).distinct()


def require(allowed: bool, message: str = "You do not have permission to do this.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def _member_org_ids(user) -> list[int]:
    return list(user.memberships.values_list("organisation_id", flat=True))


def visible(user, queryset: QuerySet) -> QuerySet:
    """Restrict a directory queryset to what ``user`` may see.

    Unpublished technologies and draft needs are seen only by their organisation's
    members and by staff.
    """
    label = queryset.model._meta.label
    if user.is_authenticated and user.is_ecobridge_staff:
        return queryset
    org_ids = _member_org_ids(user) if user.is_authenticated else []
    if label == "directory.Technology":
        return queryset.filter(Q(is_published=True) | Q(owner_id__in=org_ids))
    if label == "directory.Need":
        return queryset.filter(~Q(status="draft") | Q(organisation_id__in=org_ids))
    return queryset


def can_view(user, obj: Model) -> bool:
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def can_see_contact(user, person) -> bool:
    """Contact details of a person: with their consent, or to their colleagues and staff."""
    if person.consent_to_contact:
        return user.is_authenticated
    return user.is_authenticated and (
        user.is_ecobridge_staff or bool(member_roles(user, person.organisation))
    )


def can_read_audit(user) -> bool:
    return user.is_authenticated and user.is_ecobridge_staff
