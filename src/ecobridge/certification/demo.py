"""Demo data of the certification app: five schemes and two sample applications.

The schemes are named after real Korean and international schemes, but their limits,
fees and validity periods are illustrative (each description says so): check the
institution's current rules before relying on them. The applications are samples from
the demo company (owner of technology DT001) and pass through the real domain functions,
backdated so the clocks and the dashboard have something to show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecobridge.certification import services
from ecobridge.certification.models import Application, DocumentKind, Scheme
from ecobridge.directory.models import Organisation, Technology

ILLUSTRATIVE = {
    "en": "Demonstration configuration: time limits, fees and validity are illustrative; "
    "check the institution's current rules.",
    "ko": "시연용 설정입니다. 처리기한, 수수료, 유효기간은 예시이며 실제 기준은 해당 기관에서 확인하십시오.",
    "ru": "Демонстрационная настройка: сроки, сборы и срок действия условны; "
    "актуальные правила уточняйте в учреждении.",
}
D = DocumentKind
APPLICATION_DOCS = [
    D.APPLICATION_FORM,
    D.BUSINESS_REGISTRATION,
    D.TECHNOLOGY_DESCRIPTION,
    D.PERFORMANCE_CLAIM,
]


def _stages(*rows: tuple) -> list[dict[str, Any]]:
    return [
        {"stage": stage, "time_limit_days": limit, "required_documents": list(docs)}
        for stage, limit, docs in rows
    ]


SCHEMES: list[dict[str, Any]] = [
    {
        "code": "KR-NET-CERT",
        "institution": "KR-KECO",
        "kind": "certification",
        "name": {
            "en": "Environmental new technology certification (NET)",
            "ko": "환경신기술 인증",
            "ru": "Сертификация новых экологических технологий (NET)",
        },
        "summary": "Certifies that an environmental technology is new and proven at field "
        "scale. The legal processing time is 90 days; in practice about 230 days are "
        "needed, mostly because of supplement requests and field-test preparation.",
        "legal_time_limit_days": 90,
        "fee_amount": 3000000,
        "validity_months": 60,
        "accepts_existing_data": True,
        "stages": _stages(
            ("application", None, APPLICATION_DOCS),
            ("review", 15, []),
            ("claim_specification", 10, []),
            ("verification_plan", 10, [D.FIELD_TEST_PLAN]),
            ("testing", 35, []),
            ("report", 10, []),
            ("decision", 10, []),
            ("certificate", None, []),
            ("published", None, []),
        ),
    },
    {
        "code": "KR-NET-VERIF",
        "institution": "KR-KECO",
        "kind": "verification",
        "name": {
            "en": "Environmental technology verification (NET verification)",
            "ko": "환경신기술 검증(기술검증)",
            "ru": "Верификация экологических технологий (NET)",
        },
        "summary": "Verifies the field performance of a certified new environmental "
        "technology on site.",
        "legal_time_limit_days": 90,
        "fee_amount": 5000000,
        "validity_months": 60,
        "accepts_existing_data": True,
        "stages": _stages(
            ("application", None, APPLICATION_DOCS),
            ("review", 15, []),
            ("verification_plan", 10, [D.FIELD_TEST_PLAN]),
            ("testing", 45, []),
            ("report", 10, []),
            ("decision", 10, []),
            ("certificate", None, []),
            ("published", None, []),
        ),
    },
    {
        "code": "KR-WTCI-PERF",
        "institution": "KR-WTCI",
        "kind": "product_certification",
        "name": {
            "en": "Water product performance certification",
            "ko": "물산업 제품 성능인증",
            "ru": "Сертификация характеристик продукции водного сектора",
        },
        "summary": "Certifies the performance of water-industry products (pipes, valves, "
        "meters, membranes, treatment units) against their standard.",
        "legal_time_limit_days": 60,
        "fee_amount": 1500000,
        "validity_months": 36,
        "accepts_existing_data": False,
        "stages": _stages(
            ("application", None, [D.APPLICATION_FORM, D.TECHNOLOGY_DESCRIPTION, D.QUALITY_SYSTEM]),
            ("review", 10, []),
            ("testing", 30, []),
            ("report", 7, []),
            ("decision", 7, []),
            ("certificate", None, []),
            ("published", None, []),
        ),
    },
    {
        "code": "KR-KTL-PERFTEST",
        "institution": "KR-KTL",
        "kind": "performance_test",
        "name": {
            "en": "KTL performance test",
            "ko": "KTL 성능시험",
            "ru": "Испытание характеристик KTL",
        },
        "summary": "A laboratory or field performance test with a test plan agreed "
        "with the company; the test certificate can be used in other schemes.",
        "legal_time_limit_days": 30,
        "fee_amount": 800000,
        "validity_months": 24,
        "accepts_existing_data": False,
        "stages": _stages(
            ("application", None, [D.APPLICATION_FORM, D.TECHNOLOGY_DESCRIPTION]),
            ("review", 5, []),
            ("verification_plan", 5, []),
            ("testing", 14, []),
            ("report", 5, []),
            ("decision", 3, []),
            ("certificate", None, []),
            ("published", None, []),
        ),
    },
    {
        "code": "ISO14034-ETV",
        "institution": "KR-KTL",
        "kind": "etv",
        "name": {
            "en": "Environmental technology verification (ISO 14034)",
            "ko": "환경기술검증(ISO 14034 ETV)",
            "ru": "Верификация экологических технологий (ISO 14034)",
        },
        "summary": "Verification of a performance claim following ISO 14034: claim "
        "specification, verification plan, existing or new test data, verification "
        "report and a published verification statement.",
        "legal_time_limit_days": 120,
        "fee_amount": 6000000,
        "validity_months": 36,
        "accepts_existing_data": True,
        "stages": _stages(
            ("application", None, [D.TECHNOLOGY_DESCRIPTION, D.PERFORMANCE_CLAIM]),
            ("review", 15, []),
            ("claim_specification", 15, []),
            ("verification_plan", 15, []),
            ("testing", 45, []),
            ("report", 15, []),
            ("decision", 10, []),
            ("certificate", None, []),
            ("published", None, []),
        ),
    },
]

CLAIM = {
    "en": "Locates leaks in water mains within ±1 m and reduces annual leakage by about 18 % "
    "in district metered areas.",
    "ko": "상수도 관로 누수 지점을 ±1 m 이내로 특정하고, 블록 구역의 연간 누수량을 약 18% 줄입니다.",
}


def _demo_pdf(title: str) -> bytes:
    """A small valid one-page PDF (ASCII title) built by hand: no renderer needed."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 16 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _load_schemes(actor) -> dict[str, int]:
    created = 0
    for spec in SCHEMES:
        if Scheme.objects.filter(code=spec["code"]).exists():
            continue
        institution = Organisation.objects.get(identifier=spec["institution"])
        data = {
            "code": spec["code"],
            "name": spec["name"],
            "description": {
                "en": f"{spec['summary']} {ILLUSTRATIVE['en']}",
                "ko": ILLUSTRATIVE["ko"],
                "ru": ILLUSTRATIVE["ru"],
            },
            "kind": spec["kind"],
            "institution": institution,
            "legal_time_limit_days": spec["legal_time_limit_days"],
            "fee_amount": spec["fee_amount"],
            "fee_currency": "KRW",
            "validity_months": spec["validity_months"],
            "accepts_existing_data": spec["accepts_existing_data"],
        }
        services.save_scheme(actor, data, spec["stages"])
        created += 1
    return {"created": created, "unchanged": len(SCHEMES) - created}


def _upload(actor, application: Application, kinds) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    for kind in kinds:
        label = DocumentKind(kind).label
        name = f"{kind.replace('_', '-')}.pdf"
        upload = SimpleUploadedFile(name, _demo_pdf(f"DT001 - {label}"), "application/pdf")
        services.add_document(actor, application, kind, upload)


def _days_ago(now: dt.datetime, days: float) -> dt.datetime:
    return now - dt.timedelta(days=days)


def _submitted_application(actor, technology: Technology, now: dt.datetime) -> None:
    schemes = {s.code: s for s in Scheme.objects.all()}
    application = services.create_application(
        actor,
        technology=technology,
        schemes=[schemes["KR-KTL-PERFTEST"], schemes["ISO14034-ETV"], schemes["KR-NET-CERT"]],
        claim=CLAIM,
        reference="DEMO-CERT-1",
        is_sample=True,
    )
    _upload(actor, application, [*APPLICATION_DOCS, D.EXISTING_TEST_DATA, D.FIELD_TEST_PLAN])
    services.submit_application(actor, application, now=_days_ago(now, 75))
    cases = {c.scheme.code: c for c in application.cases.select_related("scheme")}

    # KTL performance test: done, certificate published (the technology shows "verified").
    test = cases["KR-KTL-PERFTEST"]
    services.start_review(actor, test, now=_days_ago(now, 73))
    for days in (70, 64, 44, 40):  # review → plan → testing → report → decision
        services.advance_case(actor, test, now=_days_ago(now, days))
    services.issue_certificate(
        actor,
        test,
        {
            "en": "Leak location within ±1 m on ductile iron and PE mains in a 2 km test loop.",
            "ko": "2 km 시험 관로(덕타일 주철관·PE관)에서 누수 지점 ±1 m 이내 탐지.",
        },
        publish=True,
        now=_days_ago(now, 38),
    )

    # ISO 14034 ETV: a supplement cost 20 days; now in the verification plan.
    etv = cases["ISO14034-ETV"]
    services.start_review(actor, etv, now=_days_ago(now, 70))
    services.request_supplement(
        actor,
        etv,
        "Please state the claim per pipe material and the test conditions (pressure, depth).",
        timezone.localdate(_days_ago(now, 46)),
        now=_days_ago(now, 60),
    )
    services.answer_supplement(
        actor, etv, "Claim split by material; conditions added.", now=_days_ago(now, 40)
    )
    services.advance_case(actor, etv, now=_days_ago(now, 36))
    services.advance_case(actor, etv, now=_days_ago(now, 20))

    # NET certification: waiting for the company's field-test preparation (clock stopped).
    net = cases["KR-NET-CERT"]
    services.start_review(actor, net, now=_days_ago(now, 62))
    services.advance_case(actor, net, now=_days_ago(now, 45))
    services.request_supplement(
        actor,
        net,
        "Name the field test site and the operator's agreement for the demonstration.",
        timezone.localdate(now) + dt.timedelta(days=4),
        now=_days_ago(now, 12),
    )


def _draft_application(actor, technology: Technology) -> None:
    scheme = Scheme.objects.get(code="KR-WTCI-PERF")
    application = services.create_application(
        actor,
        technology=technology,
        schemes=[scheme],
        claim=CLAIM,
        reference="DEMO-CERT-2",
        is_sample=True,
    )
    _upload(actor, application, [D.TECHNOLOGY_DESCRIPTION])


def load(actor) -> dict:
    result: dict[str, Any] = {"schemes": _load_schemes(actor)}
    technology = Technology.objects.filter(external_id="DT001").first()
    if technology is None:
        result["applications"] = "skipped: technology DT001 is not loaded"
        return result
    created = 0
    now = timezone.now()
    with transaction.atomic():
        if not Application.objects.filter(reference="DEMO-CERT-1").exists():
            _submitted_application(actor, technology, now)
            created += 1
        if not Application.objects.filter(reference="DEMO-CERT-2").exists():
            _draft_application(actor, technology)
            created += 1
    result["applications"] = {"created": created, "unchanged": 2 - created}
    return result
