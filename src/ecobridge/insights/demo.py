"""Demo data of the insights app: the shipped indicators, from 1990 on (keeps the demo
load fast; `ecobridge import indicators` loads every year)."""

from ecobridge.insights.importing import import_indicators
from ecobridge.insights.models import Observation

DEMO_FROM_YEAR = 1990


def load(actor) -> dict:
    if Observation.objects.exists():
        return {"observations": "already loaded"}
    report = import_indicators(years_from=DEMO_FROM_YEAR)
    return {"indicators": report.indicators, "observations": report.observations}
