"""Checks and re-encodes uploaded images (logos, practice photos).

A file is judged by its content, never its name: Pillow must recognise it as one of the allowed formats, it must be
within the size and pixel limits, and it must decode completely. What is stored is a fresh encoding of the pixels,
so metadata such as GPS coordinates never reaches the server's disk, and a thumbnail is made from it.
"""

import io
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (480, 480)


def clean_image(upload):
    """Return a re-encoded copy of `upload` as an UploadedFile, or raise ValidationError with a message for the user."""
    # The limits come from settings (PORTAL_UPLOAD_MAX_BYTES, PORTAL_UPLOAD_MAX_PIXELS): 5 MB and 40 megapixels
    # (e.g. 8000 × 5000) by default, so a 20000 × 20000 "decompression bomb" is refused before it is decoded.
    max_bytes, max_pixels = settings.UPLOAD_MAX_BYTES, settings.UPLOAD_MAX_PIXELS
    megapixels = {"limit": f"{max_pixels / 1_000_000:g}"}
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "limit": f"{max_bytes / 1024 / 1024:g}"},
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The picture is too big; please send one under %(limit)s megapixels.") % megapixels,
            code="too_many_pixels",
        ) from None
    except (Image.UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            _("This file is not an image we accept. Please send a JPEG, PNG or WebP picture."), code="not_image"
        ) from None
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Please send a JPEG, PNG or WebP picture."), code="format")
    if width * height > max_pixels:
        raise ValidationError(
            _("The picture is too big (%(width)s × %(height)s pixels); please send one under %(limit)s megapixels.")
            % {"width": width, "height": height, **megapixels},
            code="too_many_pixels",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            return _encode(image, image_format, Path(upload.name).stem or "image")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("The picture is damaged or incomplete and cannot be read."), code="broken") from None


def _encode(image, image_format, stem):
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image_format == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    save_kwargs = {"quality": 88} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(buffer, format=image_format, **save_kwargs)  # no exif= argument: metadata is not written
    extension = ALLOWED_FORMATS[image_format]
    return InMemoryUploadedFile(
        buffer, None, f"{stem[:80]}.{extension}", Image.MIME[image_format], buffer.tell(), None
    )


def make_thumbnail(image_file, size=THUMBNAIL_SIZE):
    """A smaller re-encoding of an image already cleaned by `clean_image`, as an UploadedFile."""
    image_file.seek(0)
    with Image.open(image_file) as image:
        image_format = image.format
        image.thumbnail(size)
        return _encode(image.copy(), image_format, Path(image_file.name).stem + "-thumb")


class ImageUploadField(forms.ImageField):
    """A form field that runs `clean_image` and hands the form the re-encoded file."""

    default_error_messages = {
        "invalid_image": _("This file is not an image we accept. Please send a JPEG, PNG or WebP picture."),
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        # Check size and content ourselves first: Django's own check would decode an oversized image.
        return clean_image(data)
