from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ecobridge.core.i18n import CONTENT_LANGUAGES, localize

register = template.Library()
LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)


@register.filter
def i18n(value):
    """Show multilingual content in the viewer's language, marking any fallback."""
    text = localize(value)
    if not text.text:
        return ""
    if text.is_fallback:
        note = _("Not available in your language; shown in %(language)s") % {
            "language": LANGUAGE_NAMES.get(text.language, text.language)
        }
        return format_html(
            '<span lang="{}">{}</span> <abbr class="fallback" title="{}">{}</abbr>',
            text.language,
            text.text,
            note,
            text.language.upper(),
        )
    return format_html('<span lang="{}">{}</span>', text.language, text.text)


@register.filter
def i18n_plain(value):
    return localize(value).text


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)


@register.simple_tag
def sample_badge(obj):
    if getattr(obj, "is_sample", False):
        return format_html(
            '<span class="badge sample" title="{}">{}</span>',
            _("Invented for demonstration; not a real record."),
            _("Sample"),
        )
    return ""


@register.simple_tag(takes_context=True)
def panels(context, page, obj):
    """Sections other apps add to this detail page (see ecobridge.core.hooks)."""
    from ecobridge.core.hooks import render_panels

    return render_panels(page, context["request"], obj)
