"""CV uploads: PDF or DOCX checked by content, at most CV_MAX_BYTES, stored outside static/
under random names."""
from __future__ import annotations

import io
import secrets
import zipfile
from pathlib import Path

from flask import current_app

from ..extensions import db
from ..models import SeekerDocument, SeekerProfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A real CV unpacks to a few megabytes; more than this, or a wild ratio, is a zip bomb.
DOCX_MAX_UNPACKED = 20 * 1024 * 1024
DOCX_MAX_RATIO = 100
DOCX_MAX_MEMBERS = 1000


class UploadError(ValueError):
    pass


def upload_dir() -> Path:
    path = Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def sniff(data: bytes) -> str:
    """The content type by what the bytes are, never by the file name."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = archive.infolist()
                if len(members) > DOCX_MAX_MEMBERS:
                    raise UploadError("too_many_members")
                unpacked = sum(m.file_size for m in members)
                packed = max(1, sum(m.compress_size for m in members))
                if unpacked > DOCX_MAX_UNPACKED or unpacked / packed > DOCX_MAX_RATIO:
                    raise UploadError("zip_bomb")
                names = {m.filename for m in members}
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return DOCX
        except zipfile.BadZipFile:
            raise UploadError("bad_type") from None
    raise UploadError("bad_type")


def save_document(seeker: SeekerProfile, filename: str, data: bytes) -> SeekerDocument:
    if not data:
        raise UploadError("empty")
    if len(data) > current_app.config["CV_MAX_BYTES"]:
        raise UploadError("too_large")
    content_type = sniff(data)
    stored = secrets.token_hex(16)
    (upload_dir() / stored).write_bytes(data)
    extension = ".pdf" if content_type == PDF else ".docx"
    original = Path(filename or "cv").stem[:150] or "cv"
    document = SeekerDocument(seeker_id=seeker.id, stored_name=stored, original_name=original + extension,
                              content_type=content_type, size=len(data))
    db.session.add(document)
    db.session.flush()
    return document


def document_path(document: SeekerDocument) -> Path:
    return upload_dir() / document.stored_name


def delete_document(document: SeekerDocument) -> None:
    document_path(document).unlink(missing_ok=True)
    db.session.delete(document)
