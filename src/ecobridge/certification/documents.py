"""Checks on uploaded documents: the extension and the file's first bytes must agree.

Only PDF, Word (DOCX), Excel (XLSX) and images (PNG, JPEG) are accepted, and no file
above the size limit (setting ``CERTIFICATION_MAX_UPLOAD_BYTES``, 20 MB by default).
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# extension → (magic prefix, member of the ZIP container that must exist or None)
SIGNATURES: dict[str, tuple[bytes, str | None]] = {
    ".pdf": (b"%PDF-", None),
    ".docx": (b"PK\x03\x04", "word/"),
    ".xlsx": (b"PK\x03\x04", "xl/"),
    ".png": (b"\x89PNG\r\n\x1a\n", None),
    ".jpg": (b"\xff\xd8\xff", None),
    ".jpeg": (b"\xff\xd8\xff", None),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def max_bytes() -> int:
    return int(getattr(settings, "CERTIFICATION_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def validate_upload(upload) -> str:
    """Raise ``ValidationError`` on the ``file`` field unless the upload is acceptable;
    return its normalised extension."""
    name = getattr(upload, "name", "") or ""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SIGNATURES:
        allowed = ", ".join(sorted(s.lstrip(".").upper() for s in SIGNATURES))
        raise ValidationError({"file": f"{name!r}: file type not accepted (allowed: {allowed})."})
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError({"file": f"{name!r}: the file is empty."})
    if size > max_bytes():
        raise ValidationError(
            {"file": f"{name!r}: {size} bytes is over the limit of {max_bytes()} bytes."}
        )
    magic, member = SIGNATURES[suffix]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(
            {"file": f"{name!r}: the content is not a {suffix.lstrip('.').upper()} file."}
        )
    if member is not None:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
        finally:
            upload.seek(0)
        if not any(n.startswith(member) for n in names):
            raise ValidationError(
                {"file": f"{name!r}: the content is not a {suffix.lstrip('.').upper()} file."}
            )
    return suffix


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
