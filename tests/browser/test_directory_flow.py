"""A company member edits their technology in Korean and Russian; an outsider cannot."""

import re

import pytest

from ecobridge.core.models import Membership, MembershipRole, User
from tests.browser.conftest import login, screenshot, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(company, other_company):
    member = User.objects.create_user("jiho", password="pw-jiho-123", first_name="Jiho")
    Membership.objects.create(user=member, organisation=company, role=MembershipRole.COMPANY_MEMBER)
    outsider = User.objects.create_user("stranger", password="pw-stranger-123")
    Membership.objects.create(
        user=outsider, organisation=other_company, role=MembershipRole.COMPANY_MEMBER
    )
    return member, outsider


def test_company_member_edits_korean_and_russian_description(page, people, technology):
    page.goto("/")
    screenshot(page, "home")
    login(page, "jiho", "pw-jiho-123")

    # Switch the interface to Korean with the language switcher.
    switch_language(page, "ko")
    assert page.locator("html").get_attribute("lang") == "ko"

    page.goto(f"/technologies/{technology.pk}/")
    page.click(f"a[href='/technologies/{technology.pk}/edit/']")
    page.fill("textarea[name=description_ko]", "관로에 부착하는 음향 누수 로거입니다.")
    page.fill(
        "textarea[name=description_ru]", "Акустический логгер утечек для водопроводных сетей."
    )
    screenshot(page, "technology-edit-side-by-side")
    page.click("form.record-form button[type=submit]")
    page.wait_for_url(re.compile(rf".*/technologies/{technology.pk}/$"))

    # The public page, in Korean, shows the Korean description without a fallback mark.
    page.context.clear_cookies()
    page.goto(f"/technologies/{technology.pk}/")
    switch_language(page, "ko")
    assert (
        page.locator("#description").inner_text().strip() == "관로에 부착하는 음향 누수 로거입니다."
    )
    screenshot(page, "technology-public-korean")
    switch_language(page, "ru")
    assert (
        page.locator("#description").inner_text().strip()
        == "Акустический логгер утечек для водопроводных сетей."
    )


def test_outsider_cannot_edit(page, people, technology):
    login(page, "stranger", "pw-stranger-123")
    page.goto(f"/technologies/{technology.pk}/")
    assert page.locator(f"a[href='/technologies/{technology.pk}/edit/']").count() == 0
    response = page.goto(f"/technologies/{technology.pk}/edit/")
    assert response.status == 403
    technology.refresh_from_db()
    assert technology.description == {"en": "Finds leaks in water mains."}
