"""Upload validation: extension and magic bytes must agree; size limit."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ecobridge.certification.documents import validate_upload
from tests.certification.conftest import PNG_BYTES, office_upload, pdf_upload


@pytest.mark.parametrize(
    "upload",
    [
        pdf_upload(),
        SimpleUploadedFile("photo.PNG", PNG_BYTES),
        SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20),
        office_upload("form.docx", "word/document.xml"),
        office_upload("data.xlsx", "xl/workbook.xml"),
    ],
)
def test_accepted_types(upload):
    assert validate_upload(upload)


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (SimpleUploadedFile("run.exe", b"MZ..."), "file type not accepted"),
        (SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"), "not a PDF"),
        (office_upload("fake.docx", "xl/workbook.xml"), "not a DOCX"),
        (SimpleUploadedFile("zip.xlsx", b"PK\x03\x04garbage"), "not a XLSX"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
    ],
)
def test_rejected_uploads_name_the_field_and_reason(upload, reason):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload)
    assert reason in error.value.message_dict["file"][0]


def test_size_limit(settings):
    settings.CERTIFICATION_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="over the limit"):
        validate_upload(pdf_upload(content=b"%PDF-" + b"x" * 200))
