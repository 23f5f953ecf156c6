"""Every bad upload is refused with a message on the logo field; nothing is saved and there is no server error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partnerships.models import Company
from tests.companies.helpers import company_data
from tests.factories import png_bytes

URL = "/company/register/"


def _text_named_png():
    return b"this is not a picture at all\n" * 10


def _svg_with_script():
    return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="10" height="10"/></svg>'


def _truncated_png():
    return png_bytes((400, 400))[:300]


def _huge_pixel_count_png():
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")
    return buffer.getvalue()


def _25_megabytes():
    return png_bytes() + b"\0" * (25 * 1024 * 1024)


@pytest.mark.parametrize(
    "name, make",
    [
        ("text.png", _text_named_png),
        ("logo.svg", _svg_with_script),
        ("broken.png", _truncated_png),
        ("bomb.png", _huge_pixel_count_png),
        ("big.png", _25_megabytes),
    ],
)
def test_it_refuses_a_bad_upload_with_a_message(client_for, newcomer, name, make):
    upload = SimpleUploadedFile(name, make(), content_type="image/png")
    response = client_for(newcomer).post(URL, {**company_data(), "logo": upload})
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert errors and all(errors)
    assert 'id="error_1_id_logo"' in response.content.decode()
    assert not Company.objects.exists()


def test_it_stores_the_logo_without_gps_metadata(client_for, newcomer):
    image = Image.new("RGB", (120, 80), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 3.0, 41.0), 3: "E", 4: (19.0, 56.0, 13.0)}  # GPSInfo
    exif[0x010F] = "Camera maker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    with Image.open(io.BytesIO(buffer.getvalue())) as original:
        assert original.getexif().get_ifd(0x8825), "the test picture must carry GPS data"
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    client_for(newcomer).post(URL, {**company_data(), "logo": upload})
    company = Company.objects.get()
    with company.logo.open("rb") as stored, Image.open(stored) as picture:
        assert picture.format == "JPEG"
        assert not picture.getexif().get_ifd(0x8825)
        assert "exif" not in picture.info
