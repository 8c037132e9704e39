from django import template

from ecobridge.cooperation.models import format_partial

register = template.Library()


@register.filter
def partial_date(value, precision="day"):
    """A date shown only as precisely as it is known (2021, 2021-03 or 2021-03-15)."""
    return format_partial(value, precision or "day")


@register.simple_tag
def pdate(obj, name):
    """``{% pdate agreement "signed_on" %}``: a model's date with its own precision."""
    return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision", "day"))


@register.filter
def timeline_kind(kind: str) -> str:
    from ecobridge.cooperation.timeline import KIND_LABELS

    return str(KIND_LABELS.get(kind, kind.replace("_", " ")))
