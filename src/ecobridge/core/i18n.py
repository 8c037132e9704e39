"""Multilingual content stored per field as a JSON object ``{language: text}``.

Display picks the viewer's language, then a fallback order, and says when it fell back,
so readers always know they are looking at another language's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES: list[tuple[str, str]] = [
    ("en", "English"),
    ("ko", "한국어"),
    ("ru", "Русский"),
    ("kk", "Қазақ тілі"),
    ("uz", "Oʻzbekcha"),
    ("vi", "Tiếng Việt"),
]
CONTENT_LANGUAGE_CODES = [code for code, _label in CONTENT_LANGUAGES]
FALLBACK_ORDER = ["en", "ko", "ru", "kk", "uz", "vi"]


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def clean_i18n(value: object) -> dict[str, str]:
    """Normalise a stored or submitted value to ``{code: stripped text}`` without blanks."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        return {"en": value.strip()} if value.strip() else {}
    if not isinstance(value, dict):
        raise ValueError("expected an object of language codes to text")
    cleaned = {}
    for code, text in value.items():
        if code not in CONTENT_LANGUAGE_CODES:
            raise ValueError(f"unknown language code {code!r}")
        if text is None:
            continue
        if not isinstance(text, str):
            raise ValueError(f"text for {code!r} must be a string")
        if text.strip():
            cleaned[code] = text.strip()
    return cleaned


def localize(value: dict | None, language: str | None = None) -> LocalizedText:
    """Pick the text for ``language`` (default: the active UI language)."""
    value = value or {}
    wanted = (language or get_language() or "en").split("-")[0]
    if value.get(wanted):
        return LocalizedText(value[wanted], wanted, False)
    for code in [*FALLBACK_ORDER, *sorted(value)]:
        if value.get(code):
            return LocalizedText(value[code], code, True)
    return LocalizedText("", wanted, False)


def all_text(value: dict | None) -> str:
    return " ".join((value or {}).values())


class I18nWidget(forms.MultiWidget):
    template_name = "core/widgets/i18n.html"

    def __init__(self, multiline: bool = False, attrs: dict | None = None):
        widget_class = forms.Textarea if multiline else forms.TextInput
        widgets = {}
        for code, label in CONTENT_LANGUAGES:
            widget_attrs = {"lang": code, "data-language-label": label, **(attrs or {})}
            if multiline:
                widget_attrs["rows"] = 4
            widgets[code] = widget_class(attrs=widget_attrs)
        super().__init__(widgets)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in CONTENT_LANGUAGE_CODES]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (code, label) in zip(
            context["widget"]["subwidgets"], CONTENT_LANGUAGES, strict=True
        ):
            subwidget["language_code"] = code
            subwidget["language_label"] = label
        return context


class I18nFormField(forms.MultiValueField):
    def __init__(self, *, multiline: bool = False, required: bool = True, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False) for _code in CONTENT_LANGUAGE_CODES]
        kwargs.setdefault(
            "error_messages", {"required": _("Enter this text in at least one language.")}
        )
        super().__init__(
            fields,
            widget=I18nWidget(multiline=multiline),
            require_all_fields=False,
            required=required,
            **kwargs,
        )

    def compress(self, data_list):
        data_list = data_list or [""] * len(CONTENT_LANGUAGE_CODES)
        return clean_i18n(dict(zip(CONTENT_LANGUAGE_CODES, data_list, strict=True)))

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(
                _("Enter this text in at least one language."), code="required"
            )

    def has_changed(self, initial, data):
        return clean_i18n(initial) != self.compress(data)


class I18nField(models.JSONField):
    """A JSON object of language code → text, edited side by side."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return I18nFormField(
            multiline=self.multiline,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        try:
            clean_i18n(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
