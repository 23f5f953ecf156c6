"""What a company types and uploads: bad values are refused with a message, markup never runs."""


import struct
import zlib
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from practices.models import GoodPractice, PracticePhoto, PracticeStatus
from tests.factories import png_bytes
from tests.practices.factories import png_upload
from tests.practices.test_access import VALID

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">[klik](javascript:alert(3)) '
    '"><svg onload=alert(4)><a href="javascript:alert(5)">x</a>'
)
TEXT_FIELDS = ["title", "summary", "body", "place", "what_was_done", "results", "challenges"]


class _Dangers(HTMLParser):
    """Collects what would run in a browser: inline scripts, event handlers, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.found.append("inline script")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def _dangers(html):
    parser = _Dangers()
    parser.feed(html)
    return parser.found


def _with_photos(data, *uploads, alt="Zdjęcie"):
    data = {**data, "photos-TOTAL_FORMS": str(len(uploads))}
    files = {}
    for i, upload in enumerate(uploads):
        files[f"photos-{i}-image"] = upload
        data[f"photos-{i}-alt_text"] = alt
        data[f"photos-{i}-order"] = str(i)
    return {**data, **files}


def test_markup_in_every_text_field_stays_inert_on_the_published_page(client_for, owner, client):
    data = {**VALID, **{name: f"{name} {PAYLOAD}" for name in TEXT_FIELDS}, "links": "https://example.com/a"}
    client_for(owner).post("/practices/new/", data)
    practice = GoodPractice.objects.get()
    GoodPractice.objects.filter(pk=practice.pk).update(status=PracticeStatus.APPROVED)
    detail = client.get(practice.get_absolute_url()).content.decode()
    listing = client.get("/practices/").content.decode()
    assert _dangers(detail) == [] and _dangers(listing) == []
    assert "results" in detail  # the text itself is shown, only the markup is neutralised


def test_a_javascript_link_in_the_links_field_is_refused(client_for, owner):
    response = client_for(owner).post("/practices/new/", {**VALID, "links": "javascript:alert(1)"})
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()
    assert response.context["form"].errors["links"]


@pytest.mark.parametrize("field", ["co2_tonnes_per_year", "mwh_saved", "trees_planted", "people_involved"])
def test_negative_impact_figures_are_refused(client_for, owner, field):
    response = client_for(owner).post("/practices/new/", {**VALID, field: "-1"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not GoodPractice.objects.exists()


def test_a_year_in_the_future_is_refused(client_for, owner):
    response = client_for(owner).post("/practices/new/", {**VALID, "year_started": "2999"})
    assert "year_started" in response.context["form"].errors


def test_the_licence_consent_is_required_and_names_the_licence(client_for, owner):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post("/practices/new/", {**VALID, "consent": ""})
    assert "consent" in response.context["form"].errors
    assert "CC BY 4.0" in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_a_photo_is_stored_re_encoded_with_a_thumbnail_and_its_alternative_text(client_for, owner):
    client_for(owner).post("/practices/new/", _with_photos(VALID, png_upload(size=(900, 700)), alt="Dach z panelami"))
    photo = PracticePhoto.objects.get()
    assert photo.alt_text == "Dach z panelami"
    assert photo.thumbnail and photo.thumbnail.width <= 480


def test_a_photo_without_alternative_text_is_refused(client_for, owner):
    response = client_for(owner).post("/practices/new/", _with_photos(VALID, png_upload(), alt=""))
    assert response.status_code == 200
    assert not GoodPractice.objects.exists() and not PracticePhoto.objects.exists()


def test_more_than_ten_photos_are_refused(client_for, owner):
    uploads = [png_upload(name=f"p{i}.png") for i in range(11)]
    response = client_for(owner).post("/practices/new/", _with_photos(VALID, *uploads))
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()


def _png_claiming(width, height):
    """A tiny PNG whose header claims width × height pixels."""
    data = png_bytes(size=(1, 1))
    ihdr = struct.pack(">II", width, height) + data[24:29]
    chunk = b"IHDR" + ihdr
    return data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


BAD_UPLOADS = {
    "text named .png": SimpleUploadedFile("photo.png", b"just some text, not a picture", "image/png"),
    "svg with a script": SimpleUploadedFile(
        "photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"
    ),
    "truncated png": SimpleUploadedFile("photo.png", png_bytes(size=(300, 300))[:120], "image/png"),
    "20000 x 20000": SimpleUploadedFile("photo.png", _png_claiming(20000, 20000), "image/png"),
    "25 MB": SimpleUploadedFile("photo.png", png_bytes() + b"\0" * (25 * 1024 * 1024), "image/png"),
}


@pytest.mark.parametrize("kind", list(BAD_UPLOADS))
def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_saved(client_for, owner, kind):
    upload = BAD_UPLOADS[kind]
    upload.seek(0)
    response = client_for(owner).post("/practices/new/", _with_photos(VALID, upload))
    assert response.status_code == 200
    photos = response.context["photos"]
    assert photos.forms[0].errors["image"]
    assert not GoodPractice.objects.exists() and not PracticePhoto.objects.exists()


def test_an_invalid_form_is_shown_in_polish_by_default(client_for, owner):
    response = client_for(owner).post("/practices/new/", {**VALID, "title": ""})
    assert response.status_code == 200
    assert "To pole jest wymagane" in response.content.decode()


