"""Needs signals: transparent rules that turn indicators into opportunity areas.

**The thresholds live here, in ``SIGNAL_RULES``, and nowhere else** (a module constant,
reviewed like code; see docs/insights.md). Every rule lists conditions on the *latest*
observation of an indicator; a rule fires when all its conditions hold (``all``) or when
any holds (``any``). A signal carries its evidence (value, year, source, threshold) and
the CRS purpose codes of the technologies that answer it.

``country_prior(code)`` turns the signals into ``{crs_code: weight}`` for the matching
engine (weights in 0..1; the strongest signal wins per code).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}

SIGNAL_RULES: list[dict] = [
    {
        "code": "transboundary",
        "titles": {"ko": "접경 수자원 관리", "ru": "Управление трансграничными водами"},
        "title": _("Transboundary water management"),
        "why": _("A large share of the country's renewable water comes from outside it."),
        "conditions": [("dependency_ratio", ">=", 30.0)],
        "combine": "all",
        "crs": ["14010", "14040", "14015"],
    },
    {
        "code": "irrigation_efficiency",
        "titles": {"ko": "관개 효율 개선", "ru": "Повышение эффективности орошения"},
        "title": _("Irrigation efficiency"),
        "why": _("High water stress with most water withdrawn for agriculture."),
        "conditions": [("water_stress", ">=", 25.0), ("agri_withdrawal_share", ">=", 60.0)],
        "combine": "all",
        "crs": ["31140", "14015"],
    },
    {
        "code": "wastewater",
        "titles": {"ko": "하수 처리", "ru": "Очистка сточных вод"},
        "title": _("Wastewater treatment"),
        "why": _("Low coverage of safely managed sanitation or of safely treated wastewater."),
        "conditions": [
            ("safely_managed_sanitation", "<", 60.0),
            ("safely_treated_wastewater", "<", 50.0),
        ],
        "combine": "any",
        "crs": ["14022", "14020"],
    },
    {
        "code": "drinking_water",
        "titles": {
            "ko": "상수도 공급 및 관망 개량",
            "ru": "Питьевое водоснабжение и обновление сетей",
        },
        "title": _("Drinking water supply and network renewal"),
        "why": _("Safely managed drinking water does not yet reach everyone."),
        "conditions": [("safely_managed_water", "<", 95.0)],
        "combine": "all",
        "crs": ["14021", "14030"],
    },
    {
        "code": "severe_stress",
        "titles": {
            "ko": "물 재이용 및 수요 관리",
            "ru": "Повторное использование воды и управление спросом",
        },
        "title": _("Water reuse and demand management"),
        "why": _("Withdrawals are close to or above renewable resources."),
        "conditions": [("water_stress", ">=", 70.0)],
        "combine": "all",
        "crs": ["14015", "14022"],
    },
    {
        "code": "water_governance",
        "titles": {"ko": "통합수자원관리", "ru": "Комплексное управление водными ресурсами"},
        "title": _("Integrated water resources management"),
        "why": _("IWRM implementation is at a low or medium-low level."),
        "conditions": [("iwrm_degree", "<", 50.0)],
        "combine": "all",
        "crs": ["14010"],
    },
]


@dataclass
class Evidence:
    indicator: str
    indicator_name: str
    value: float | None
    unit: str
    year: int | None
    source: str
    op: str
    threshold: float
    met: bool

    def as_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "indicator_name": self.indicator_name,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "source": self.source,
            "op": self.op,
            "threshold": self.threshold,
            "met": self.met,
        }


@dataclass
class Signal:
    code: str
    title: str
    why: str
    crs: list[str]
    strength: float
    evidence: list[Evidence] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or str(self.title)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "title": str(self.title),
            "why": str(self.why),
            "crs_codes": self.crs,
            "strength": round(self.strength, 3),
            "evidence": [e.as_dict() for e in self.evidence],
        }


def latest_values(country) -> dict[str, tuple]:
    """``{indicator code: (value, year, indicator)}`` of the latest observation."""
    from ecobridge.insights.models import Observation

    latest: dict[str, tuple] = {}
    for obs in (
        Observation.objects.filter(country=country)
        .select_related("indicator__dataset")
        .order_by("indicator_id", "year")
    ):
        latest[obs.indicator.code] = (obs.value, obs.year, obs.indicator)
    return latest


def _strength(value: float, op: str, threshold: float) -> float:
    """How far past the threshold, 0.5 at the threshold rising to 1 at twice as far."""
    if threshold == 0:
        return 1.0
    distance = (value - threshold) / abs(threshold)
    if op in ("<", "<="):
        distance = -distance
    return max(0.5, min(1.0, 0.5 + distance))


def evaluate(country, rules: list[dict] | None = None, latest: dict | None = None) -> list[Signal]:
    """The signals that fire for ``country`` (a directory Country)."""
    from ecobridge.insights.catalogue import BY_CODE

    latest = latest_values(country) if latest is None else latest
    signals = []
    for rule in SIGNAL_RULES if rules is None else rules:
        evidence = []
        for code, op, threshold in rule["conditions"]:
            value, year, indicator = latest.get(code, (None, None, None))
            met = value is not None and OPS[op](value, threshold)
            spec = BY_CODE.get(code)
            evidence.append(
                Evidence(
                    indicator=code,
                    indicator_name=indicator.name() if indicator else code,
                    value=value,
                    unit=indicator.unit if indicator else (spec.unit if spec else ""),
                    year=year,
                    source=indicator.dataset.name if indicator else "",
                    op=op,
                    threshold=threshold,
                    met=met,
                )
            )
        met = [e for e in evidence if e.met]
        fires = bool(met) and (rule["combine"] == "any" or len(met) == len(evidence))
        if not fires:
            continue
        strength = min(_strength(e.value, e.op, e.threshold) for e in met)
        signals.append(
            Signal(
                code=rule["code"],
                title=rule["title"],
                why=rule["why"],
                crs=list(rule["crs"]),
                strength=strength,
                evidence=evidence,
                titles=rule.get("titles", {}),
            )
        )
    return signals


def country_prior(country_code: str) -> dict[str, float]:
    """``{CRS purpose code: weight in 0..1}`` from the country's needs signals.

    ``country_code`` is ISO 3166 alpha-2 or alpha-3. Unknown countries, or countries
    without firing signals, give ``{}``. Meant for the matching engine as a prior that
    boosts technologies in these sectors for needs located in the country.
    """
    from ecobridge.directory.models import Country

    code = (country_code or "").upper()
    country = (
        Country.objects.filter(code=code).first() or Country.objects.filter(alpha3=code).first()
    )
    if country is None:
        return {}
    prior: dict[str, float] = {}
    for signal in evaluate(country):
        for crs in signal.crs:
            prior[crs] = max(prior.get(crs, 0.0), round(signal.strength, 3))
    return prior
