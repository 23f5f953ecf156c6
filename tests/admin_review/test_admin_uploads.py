"""Files uploaded in the admin take the same path as the portal's forms: checked by content, re-encoded, metadata
gone, a thumbnail made. A JPEG with HTML appended and GPS data must not be stored byte for byte."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from practices.models import PracticePhoto
from tests.factories import CompanyFactory
from tests.practices.factories import PublishedPracticeFactory

pytestmark = pytest.mark.django_db

APPENDED = b"<html><script>alert('stored as is')</script></html>"


def _jpeg_with_gps_and_html():
    image = Image.new("RGB", (120, 80), (30, 140, 60))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 3.0, 41.0), 3: "E", 4: (19.0, 56.0, 13.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue() + APPENDED


def _form_data(response):
    """What the admin's change form would post back unchanged: the main form and every inline formset."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value == "" or field.disabled or getattr(field.widget, "input_type", "") == "file":
                continue
            if isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(item) for item in value]
            elif isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = str(value)
    return data


def _stored_bytes(field_file):
    with field_file.open("rb") as stored:
        return stored.read()


def test_a_logo_uploaded_in_the_admin_is_checked_and_re_encoded(client_for, superuser):
    company = CompanyFactory()
    url = reverse("admin:partnerships_company_change", args=[company.pk])
    client = client_for(superuser)
    data = _form_data(client.get(url))
    data["logo"] = SimpleUploadedFile("logo.jpg", _jpeg_with_gps_and_html(), content_type="image/jpeg")

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    company.refresh_from_db()
    stored = _stored_bytes(company.logo)
    assert APPENDED not in stored
    with Image.open(io.BytesIO(stored)) as picture:
        assert not picture.getexif().get_ifd(0x8825)
    assert company.logo_thumbnail


def test_a_file_that_is_not_a_picture_is_refused_in_the_admin(client_for, superuser):
    company = CompanyFactory()
    url = reverse("admin:partnerships_company_change", args=[company.pk])
    client = client_for(superuser)
    data = _form_data(client.get(url))
    data["logo"] = SimpleUploadedFile("logo.jpg", b"<html>not a picture</html>", content_type="image/jpeg")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
    company.refresh_from_db()
    assert not company.logo


def test_a_practice_photo_added_in_the_admin_is_checked_and_re_encoded(client_for, superuser):
    practice = PublishedPracticeFactory()
    url = reverse("admin:practices_goodpractice_change", args=[practice.pk])
    client = client_for(superuser)
    data = _form_data(client.get(url))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": SimpleUploadedFile("p.jpg", _jpeg_with_gps_and_html(), content_type="image/jpeg"),
            "photos-0-alt_text": "Rowery przed biurem",
            "photos-0-order": "0",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302
    photo = PracticePhoto.objects.get(practice=practice)
    assert APPENDED not in _stored_bytes(photo.image)
    assert photo.thumbnail
