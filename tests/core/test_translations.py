"""The Korean and Russian catalogues are complete, keep every placeholder, and the pages use them."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

import ecobridge

LOCALE_DIR = Path(ecobridge.__file__).parent / "locale"
NPLURALS = {"ko": 1, "ru": 3}
# %(name)s / %s / %d (Python and blocktranslate) and {name} (str.format) placeholders.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
SCRIPT = {"ko": re.compile("[\uac00-\ud7a3]"), "ru": re.compile("[\u0400-\u04ff]")}

# Top navigation and account link of base.html, as each language must show them.
NAV_LABELS = {
    "ko": {"Organisations": "기관", "Technologies": "기술", "Needs": "수요", "Log in": "로그인"},
    "ru": {
        "Organisations": "Организации",
        "Technologies": "Технологии",
        "Needs": "Потребности",
        "Log in": "Войти",
    },
}


def load(language: str) -> polib.POFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"missing catalogue {path}"
    return polib.pofile(str(path))


def tokens(pattern: re.Pattern, text: str) -> set[str]:
    return set(pattern.findall(text.replace("%%", "")))


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.mark.parametrize("language", NPLURALS)
def test_catalogue_is_fully_translated(language):
    catalogue = load(language)
    entries = [e for e in catalogue if not e.obsolete]
    assert len(entries) > 100, "the catalogue looks empty; run makemessages"
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == language
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("language", NPLURALS)
def test_plural_forms(language):
    catalogue = load(language)
    nplurals = NPLURALS[language]
    assert f"nplurals={nplurals};" in catalogue.metadata["Plural-Forms"].replace(" ", "")
    for entry in catalogue:
        if entry.msgid_plural and not entry.obsolete:
            forms = translations(entry)
            assert len(forms) == nplurals, entry.msgid
            assert all(form.strip() for form in forms), entry.msgid


@pytest.mark.parametrize("language", NPLURALS)
def test_placeholders_and_markup_are_kept(language):
    problems = []
    for entry in load(language):
        if entry.obsolete:
            continue
        source = entry.msgid + " " + entry.msgid_plural
        for text in translations(entry):
            for pattern in (PLACEHOLDER, HTML_TAG):
                if tokens(pattern, text) != tokens(pattern, source):
                    problems.append((entry.msgid, text))
    assert problems == []


@pytest.fixture
def compiled_catalogues(settings, tmp_path):
    """Compile the committed catalogues into a fresh directory and serve the pages from it, so a
    stale .mo file left in the source tree cannot make the page tests pass."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [locale]  # setting_changed drops Django's cached translations
    call_command("compiletranslations", stdout=io.StringIO())
    for language in NPLURALS:
        assert (locale / language / "LC_MESSAGES" / "django.mo").is_file()
    return locale


def nav_link_texts(html: str) -> list[str]:
    nav = re.search(r"<nav>(.*?)</nav>", html, re.S)
    assert nav, "no <nav> in the page"
    return [text.strip() for text in re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1))]


@pytest.mark.django_db
@pytest.mark.parametrize("language", NPLURALS)
def test_home_page_speaks_the_cookie_language(client, compiled_catalogues, language):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html

    links = nav_link_texts(html)
    expected = NAV_LABELS[language]
    for english in ("Organisations", "Technologies", "Needs"):
        assert expected[english] in links
    assert f">{expected['Log in']}</a>" in html
    assert ">Log in</a>" not in html

    # Every top-navigation link, the apps' links included, is written in the page's script.
    assert [text for text in links if not SCRIPT[language].search(text)] == []


@pytest.mark.django_db
def test_home_page_stays_english_by_default(client, compiled_catalogues):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    links = nav_link_texts(client.get("/").content.decode())
    assert {"Organisations", "Technologies", "Needs"} <= set(links)
