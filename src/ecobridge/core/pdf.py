"""PDF rendering with fonts shipped in the project, so Hangul, Cyrillic and Latin
render on a fresh machine with no system fonts installed."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

FONTS = Path(__file__).resolve().parent / "fonts"

FONT_CSS = f"""
@font-face {{ font-family: "EcoSans"; src: url("{(FONTS / "DejaVuSans.ttf").as_uri()}"); }}
@font-face {{ font-family: "EcoSans"; font-weight: bold; src: url("{(FONTS / "DejaVuSans-Bold.ttf").as_uri()}"); }}
@font-face {{ font-family: "EcoHangul"; src: url("{(FONTS / "NanumGothic.ttf").as_uri()}"); }}
@font-face {{ font-family: "EcoHangul"; font-weight: bold; src: url("{(FONTS / "NanumGothicBold.ttf").as_uri()}"); }}
body {{ font-family: "EcoSans", "EcoHangul", sans-serif; font-size: 10pt; }}
"""


def render_pdf(template_name: str, context: dict, *, extra_css: str = "") -> bytes:
    """Render a Django template to PDF bytes. Latin and Cyrillic come from DejaVu Sans,
    Hangul falls back to NanumGothic (both shipped in ecobridge/core/fonts)."""
    from weasyprint import CSS, HTML  # imported here: slow to import, only PDF paths need it
    from weasyprint.text.fonts import FontConfiguration

    # @font-face rules only take effect with a FontConfiguration shared by CSS and HTML.
    fonts = FontConfiguration()
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(FONTS)).write_pdf(
        stylesheets=[CSS(string=FONT_CSS + extra_css, font_config=fonts)], font_config=fonts
    )
