"""Demo data of the alerts app: a few real CAP 1.2 alerts and one synthetic, clearly
labelled flood warning for Kazakhstan that is active when the demo is loaded."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from ecobridge.alerts.importing import import_bytes, import_paths
from ecobridge.alerts.models import Alert

DEMO = Path(__file__).resolve().parent / "data" / "demo"
DEMO_SENDER = "demo@ecobridge.invalid"

SYNTHETIC_KZ_FLOOD = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>ecobridge-demo-kz-flood-{day}</identifier>
  <sender>{sender}</sender>
  <sent>{sent}</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <note>Synthetic demonstration alert created by the ecobridge demo loader.</note>
  <info>
    <language>en</language>
    <category>Met</category>
    <event>Flood warning</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <effective>{sent}</effective>
    <expires>{expires}</expires>
    <senderName>ecobridge demo (synthetic)</senderName>
    <headline>DEMO (synthetic): flood warning, Ishim river near Petropavl</headline>
    <description>Synthetic example: spring snowmelt raises the Ishim river.</description>
    <area>
      <areaDesc>North Kazakhstan region, Ishim river</areaDesc>
      <polygon>54.6,68.8 55.1,68.8 55.1,69.6 54.6,69.6 54.6,68.8</polygon>
      <geocode><valueName>ISO3166-1</valueName><value>KZ</value></geocode>
    </area>
  </info>
  <info>
    <language>ru</language>
    <category>Met</category>
    <event>Предупреждение о паводке</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <effective>{sent}</effective>
    <expires>{expires}</expires>
    <senderName>ecobridge demo (синтетический пример)</senderName>
    <headline>ДЕМО (синтетический пример): паводок на реке Ишим у Петропавловска</headline>
    <area>
      <areaDesc>Северо-Казахстанская область, река Ишим</areaDesc>
      <polygon>54.6,68.8 55.1,68.8 55.1,69.6 54.6,69.6 54.6,68.8</polygon>
    </area>
  </info>
</alert>
"""


def synthetic_kz_flood(now=None) -> bytes:
    now = (now or timezone.now()).replace(microsecond=0, tzinfo=None)
    fmt = "%Y-%m-%dT%H:%M:%S+00:00"
    return SYNTHETIC_KZ_FLOOD.format(
        day=now.strftime("%Y%m%d"),
        sender=DEMO_SENDER,
        sent=now.strftime(fmt),
        expires=(now + timedelta(days=3)).strftime(fmt),
    ).encode("utf-8")


def load(actor) -> dict:
    outcomes = import_paths([DEMO])
    if not Alert.objects.filter(sender=DEMO_SENDER, expires_at__gte=timezone.now()).exists():
        outcomes.append(import_bytes(synthetic_kz_flood(), "demo: synthetic Kazakhstan flood"))
    return {
        "alerts imported": sum(o.imported for o in outcomes),
        "already present": sum(o.duplicates for o in outcomes),
    }
