"""Item 4: the country brief PDF in en, ko and ru, generated as a job."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ecobridge.core.models import Job

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        if "/Font" in resources:
            for font in resources["/Font"].get_object().values():
                names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.fixture
def kz_world(indicators, ca_countries, counterpart_world):
    return ca_countries


@pytest.fixture
def counterpart_world(ca_countries):
    from ecobridge.directory.models import Need, Organisation, Person

    org = Organisation.objects.create(
        name={"ru": "Водоканал Петропавловска", "en": "Petropavl Vodokanal"},
        kind="utility",
        country=ca_countries["KZ"],
    )
    Need.objects.create(
        organisation=org,
        country=ca_countries["KZ"],
        title={"ru": "Снижение потерь воды", "en": "Reducing water losses"},
    )
    Person.objects.create(
        organisation=org,
        name_native="Айгуль Серикова",
        email="a@example.kz",
        consent_to_contact=True,
    )
    return org


@pytest.mark.parametrize(
    "language,name,heading",
    [
        ("ru", "Казахстан", "Справка по стране"),
        ("ko", "카자흐스탄", "국가 브리프"),
        ("en", "Kazakhstan", "Country brief"),
    ],
)
def test_brief_job_produces_pdf_in_language(
    client, officer, kz_world, django_capture_on_commit_callbacks, language, name, heading
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("insights:brief", args=["KZ"]), {"language": language})
    job = Job.objects.get(kind="insights.country_brief")
    assert response.status_code == 302
    assert response["Location"] == reverse("insights:brief-job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    page = client.get(response["Location"]).content.decode()
    assert reverse("insights:brief-download", args=[job.pk]) in page
    download = client.get(reverse("insights:brief-download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    data = b"".join(download.streaming_content)
    text = pdf_text(data)
    assert name in text and heading in text
    assert "40.64" in text  # dependency ratio
    assert "2018" in text and "AQUASTAT" in text
    if language == "ru":
        assert "Снижение потерь воды" in text  # open need
        assert "Айгуль Серикова" in text  # contact (consented)
        assert "Управление трансграничными водами" in text  # signal
    if language == "ko":
        # Hangul comes from the shipped NanumGothic ("EcoHangul"), Latin from DejaVu
        assert any(f.endswith("+EcoHangul") for f in fonts(data))
    if language == "ru":
        assert any(f.endswith("+EcoSans") for f in fonts(data))  # DejaVu covers Cyrillic


def test_brief_download_is_private(
    client, officer, outsider, kz_world, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("insights:brief", args=["KZ"]), {"language": "en"})
    job = Job.objects.get(kind="insights.country_brief")
    client.force_login(outsider)
    assert client.get(reverse("insights:brief-download", args=[job.pk])).status_code == 404
    client.logout()
    assert client.post(reverse("insights:brief", args=["KZ"])).status_code == 302  # to login
    assert Job.objects.count() == 1


def test_unknown_country_brief_job_fails_clearly(officer, db):
    from ecobridge.core.jobs import execute

    job = Job.objects.create(kind="insights.country_brief", title="x", params={"country": "XX"})
    job = execute(job.pk)
    assert job.status == "failed" and "unknown country" in job.error


def test_brief_lists_cooperation_history_and_active_alerts(officer, kz_world):
    from ecobridge.alerts.demo import synthetic_kz_flood
    from ecobridge.alerts.importing import import_bytes
    from ecobridge.cooperation.models import Agreement, AgreementKind
    from ecobridge.directory.models import Country
    from ecobridge.insights.brief import render_brief

    kz = Country.objects.get(code="KZ")
    agreement = Agreement.objects.create(
        key="kr-kz-water-mou",
        kind=AgreementKind.MOU,
        title={
            "en": "MOU on water industry cooperation",
            "ru": "Меморандум о водном сотрудничестве",
        },
    )
    agreement.party_countries.set([kz])
    import_bytes(synthetic_kz_flood(), "kz.xml")
    text = pdf_text(render_brief(kz, "ru", officer))
    assert "Меморандум о водном сотрудничестве" in text
    assert "Предупреждение о паводке" in text
