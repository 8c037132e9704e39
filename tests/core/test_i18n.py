import pytest
from django.utils import translation

from ecobridge.core.i18n import I18nFormField, clean_i18n, localize


def test_clean_drops_blank_versions_and_strips():
    assert clean_i18n({"en": " Leak logger ", "ko": "  ", "ru": None}) == {"en": "Leak logger"}


def test_clean_rejects_unknown_language_code():
    with pytest.raises(ValueError, match="unknown language code 'xx'"):
        clean_i18n({"xx": "text"})


def test_localize_uses_viewer_language_when_present():
    text = localize({"en": "Water", "ko": "물"}, "ko")
    assert (text.text, text.language, text.is_fallback) == ("물", "ko", False)


def test_localize_falls_back_visibly():
    text = localize({"ru": "Вода"}, "ko")
    assert (text.text, text.language, text.is_fallback) == ("Вода", "ru", True)


def test_localize_defaults_to_active_ui_language():
    with translation.override("ru"):
        assert localize({"en": "Water", "ru": "Вода"}).text == "Вода"


def test_form_field_compresses_side_by_side_inputs():
    field = I18nFormField()
    assert field.clean(["Water", "물", "", "", "", ""]) == {"en": "Water", "ko": "물"}


def test_form_field_requires_one_language():
    field = I18nFormField()
    with pytest.raises(Exception, match="at least one language"):
        field.clean(["", "", "", "", "", ""])


def test_widget_renders_one_labelled_input_per_language():
    html = I18nFormField(multiline=True).widget.render("description", {"ko": "설명"})
    assert html.count("<textarea") == 6
    assert 'lang="ko"' in html and "설명" in html and "Қазақ тілі" in html
