import pytest

from ecobridge.core.models import AuditEntry, Membership, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona,expected",
    [("outsider", 403), ("officer", 403), ("analyst", 403), ("administrator", 200)],
)
def test_account_pages_for_administrators_only(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/backoffice/users/").status_code == expected
    assert client.get("/backoffice/users/new/").status_code == expected


def test_administrator_creates_user_assigns_role_and_membership(client, administrator, company):
    client.force_login(administrator)
    response = client.post(
        "/backoffice/users/new/",
        {
            "username": "newbie",
            "staff_role": "analyst",
            "language": "ru",
            "is_active": "on",
            "password": "a-long-password-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert (
        user.staff_role == "analyst"
        and user.language == "ru"
        and user.check_password("a-long-password-1")
    )
    client.post(
        f"/backoffice/users/{user.pk}/memberships/",
        {"organisation": company.pk, "role": "company_member"},
    )
    membership = Membership.objects.get(user=user)
    assert membership.organisation == company
    client.post(f"/backoffice/users/{user.pk}/memberships/{membership.pk}/remove/")
    assert not Membership.objects.filter(user=user).exists()
    assert list(
        AuditEntry.objects.filter(object_type="core.User")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "add_membership", "remove_membership"]


def test_officer_cannot_grant_memberships(client, officer, outsider, company):
    client.force_login(officer)
    response = client.post(
        f"/backoffice/users/{outsider.pk}/memberships/",
        {"organisation": company.pk, "role": "company_member"},
    )
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_switching_language_is_remembered_for_signed_in_users(client, outsider):
    client.force_login(outsider)
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    outsider.refresh_from_db()
    assert outsider.language == "ko"
    fresh = type(client)()
    fresh.force_login(outsider)
    assert '<html lang="ko">' in fresh.get("/").content.decode()
