"""Checks uploaded documents (evidence for climate reports): a PDF or a picture, judged by its content.

A PDF must be within the size limit, start as a PDF does, be read by pypdf to the end of its page tree, have at
least one page and not be encrypted (staff could not open it). It is stored as sent: re-writing a PDF could change
what it proves. A picture goes through `portal.lib.images.clean_image` (checked and re-encoded without metadata).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from portal.lib.images import clean_image

logger = logging.getLogger(__name__)

PDF = "pdf"
IMAGE = "image"
MAX_PDF_PAGES = 200


def _too_large(upload, max_bytes):
    return ValidationError(
        _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
        % {"size": round(upload.size / 1024 / 1024, 1), "limit": f"{max_bytes / 1024 / 1024:g}"},
        code="too_large",
    )


def clean_document(upload):
    """(file to store, kind) for a PDF or a picture, or ValidationError with a message for the user."""
    max_bytes = settings.UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise _too_large(upload, max_bytes)
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head:
        try:
            return clean_image(upload), IMAGE
        except ValidationError as error:
            if error.code in ("not_image", "format"):
                raise ValidationError(
                    _("Please send a PDF document or a JPEG, PNG or WebP picture."), code="format"
                ) from None
            raise
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is protected by a password; please send it without one."), code="encrypted"
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError):
        logger.info("refused an unreadable PDF upload")
        raise ValidationError(_("The PDF is damaged or incomplete and cannot be read."), code="broken") from None
    if not 1 <= pages <= MAX_PDF_PAGES:
        raise ValidationError(_("Please send a PDF of 1 to %(limit)s pages.") % {"limit": MAX_PDF_PAGES}, code="pages")
    upload.seek(0)
    return upload, PDF
