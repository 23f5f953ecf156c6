"""The upload limits are settings (PORTAL_UPLOAD_MAX_BYTES, PORTAL_UPLOAD_MAX_PIXELS), and the messages name them."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.lib.images import clean_image
from tests.factories import png_bytes


def _png(size):
    return SimpleUploadedFile("picture.png", png_bytes(size))


def test_a_lower_size_limit_in_settings_refuses_a_file_above_it_and_says_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)).save(buffer, "PNG")  # noise: about 1.5 MB
    noisy = SimpleUploadedFile("noise.png", buffer.getvalue())

    with pytest.raises(ValidationError) as refused:
        clean_image(noisy)

    assert refused.value.code == "too_large"
    assert " 1 MB" in refused.value.messages[0]


def test_a_lower_pixel_limit_in_settings_refuses_a_larger_picture_and_says_the_limit(settings):
    settings.UPLOAD_MAX_PIXELS = 1_000_000

    with pytest.raises(ValidationError) as refused:
        clean_image(_png((1200, 1000)))

    assert refused.value.code == "too_many_pixels"
    assert "1 megapixels" in refused.value.messages[0]


def test_a_picture_within_the_limits_is_accepted_and_re_encoded(settings):
    cleaned = clean_image(_png((1200, 1000)))

    assert cleaned.name == "picture.png"
    assert Image.open(cleaned).size == (1200, 1000)
