import io

from pypdf import PdfReader

from ecobridge.core.pdf import render_pdf


def test_pdf_embeds_fonts_for_hangul_cyrillic_and_latin():
    data = render_pdf("core/pdf_test.html", {"title": "물 협력 — Водное сотрудничество"})
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "물 협력" in text
    assert "Водное сотрудничество" in text
    assert "Qazaqstan" in text
    fonts = {str(f["/BaseFont"]) for f in _fonts(reader)}
    assert any("EcoHangul" in f or "Nanum" in f for f in fonts), fonts


def _fonts(reader):
    resources = reader.pages[0]["/Resources"]["/Font"]
    return [resources[key].get_object() for key in resources]
