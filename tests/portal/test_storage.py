"""Uploads and the catalogue in an S3-compatible bucket (DJANGO_STORAGE_URL), against a real S3 server on this machine
(moto's, started by the `s3_server` fixture), and the checks on the variable itself."""

import io
import re
import subprocess
import sys
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfReader

from partnerships.models import Company
from portal.env import env_storage
from practices.models import PracticePhoto, PracticeStatus
from tests.companies.helpers import company_data, valid_nip
from tests.factories import UserFactory, png_bytes
from tests.fresh_process import clean_environment, settings_in_fresh_process
from tests.practices.factories import PhotoFactory, png_upload
from tests.practices.test_access import VALID
from tests.practices.test_forms import _with_photos

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "x8Jq2-vN0pLr7sT4wYz1bC6dF9gH3kM5nP8qR2tU4vW7xZ0aB3cD6eF9gH2jK5mN8"


def _fetch(url):
    """What a browser gets for the URL a page shows: status and body, straight from the S3 server."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (an http:// URL on 127.0.0.1)
        return response.status, response.read()


def _image_sources(html):
    return [unescape(src) for src in re.findall(r'<img[^>]* src="([^"]+)"', html)]


def _stored(field_or_name):
    with default_storage.open(getattr(field_or_name, "name", field_or_name), "rb") as stored:
        return stored.read()


# The variable.


def test_without_the_variable_uploads_stay_in_the_local_folder(monkeypatch):
    monkeypatch.delenv("DJANGO_STORAGE_URL", raising=False)
    assert env_storage("DJANGO_STORAGE_URL") is None


def test_a_bucket_url_gives_the_options_and_the_origin_pages_load_from(monkeypatch):
    monkeypatch.setenv("DJANGO_STORAGE_URL", "s3://klimat/media?endpoint_url=https://s3.example.org/&region=pl-1")
    storage = env_storage("DJANGO_STORAGE_URL")
    assert storage["origin"] == "https://s3.example.org"
    assert storage["options"] == {
        "bucket_name": "klimat", "location": "media", "endpoint_url": "https://s3.example.org", "region_name": "pl-1",
        "file_overwrite": False, "querystring_auth": False, "addressing_style": "path",
    }


def test_a_custom_domain_and_signed_urls_are_options(monkeypatch):
    monkeypatch.setenv("DJANGO_STORAGE_URL", "s3://klimat?region=eu-central-1&custom_domain=media.example.org"
                                             "&signed=1&expire=600")
    storage = env_storage("DJANGO_STORAGE_URL")
    assert storage["origin"] == "https://media.example.org"
    assert storage["options"]["querystring_auth"] is True and storage["options"]["querystring_expire"] == 600


@pytest.mark.parametrize("value", [
    "klimat",
    "https://klimat.s3.example.org",
    "s3://?endpoint_url=https://s3.example.org",
    "s3://klimat?endpoint=https://s3.example.org",
    "s3://klimat?endpoint_url=s3.example.org",
    "s3://klimat?endpoint_url=https://s3.example.org&signed=maybe",
    "s3://klimat?endpoint_url=https://s3.example.org&expire=soon",
    "s3://klimat",
])
def test_a_wrong_value_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("DJANGO_STORAGE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_STORAGE_URL"):
        env_storage("DJANGO_STORAGE_URL")


def test_half_a_pair_of_credentials_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_STORAGE_URL", "s3://klimat?endpoint_url=https://s3.example.org")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_SECRET_ACCESS_KEY"):
        env_storage("DJANGO_STORAGE_URL")


def test_the_settings_use_the_bucket_and_let_pages_show_its_images():
    storages, policy = settings_in_fresh_process(
        "STORAGES['default']", "CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        DJANGO_DEBUG="1", DJANGO_STORAGE_URL="s3://klimat?endpoint_url=https://s3.example.org&region=pl-1",
    )
    assert "storages.backends.s3.S3Storage" in storages and "'bucket_name': 'klimat'" in storages
    assert "'https://s3.example.org'" in policy


def test_a_wrong_value_stops_start_up():
    result = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=clean_environment(DJANGO_SECRET_KEY=SECRET_KEY, DJANGO_STORAGE_URL="bucket-without-scheme"),
    )
    assert result.returncode != 0 and "DJANGO_STORAGE_URL" in result.stderr


# Against the S3 server.


def test_a_logo_from_the_registration_form_is_stored_in_the_bucket_and_served_from_it(
    s3_storage, s3_server, client_for, newcomer, client
):
    upload = SimpleUploadedFile("logo.png", png_bytes((900, 600)), content_type="image/png")
    response = client_for(newcomer).post("/company/register/", {**company_data(), "logo": upload})
    assert response.status_code == 302
    company = Company.objects.get()
    assert company.logo.name.startswith("logos/") and company.logo_thumbnail.name.startswith("logos/thumbs/")
    # Read back through the storage: the re-encoded picture and its thumbnail, from the bucket.
    assert _stored(company.logo).startswith(b"\x89PNG")
    assert _stored(company.logo_thumbnail).startswith(b"\x89PNG")
    assert not default_storage.exists("logos/missing.png")

    # The dashboard shows the thumbnail's URL in the bucket, which answers with the same bytes.
    dashboard = client_for(newcomer).get("/company/").content.decode()
    [thumbnail_url] = [src for src in _image_sources(dashboard) if "/logos/thumbs/" in src]
    assert thumbnail_url.startswith(f"{s3_server}/")
    assert _fetch(thumbnail_url) == (200, _stored(company.logo_thumbnail))

    # Once verified, the public partner page shows the logo's URL in the bucket.
    Company.objects.filter(pk=company.pk).update(status=Company.Status.VERIFIED)
    page = client.get(company.get_absolute_url()).content.decode()
    [logo_url] = [src for src in _image_sources(page) if "/logos/" in src and "/thumbs/" not in src]
    assert logo_url.startswith(f"{s3_server}/")
    assert _fetch(logo_url) == (200, _stored(company.logo))


def test_two_logos_of_the_same_name_do_not_overwrite_each_other(s3_storage, client_for, newcomer):
    second_user = UserFactory(email="second@example.com")
    for user, colour, nip in ((newcomer, (200, 0, 0), valid_nip()), (second_user, (0, 0, 200), valid_nip("526000112"))):
        upload = SimpleUploadedFile("logo.png", png_bytes(colour=colour), content_type="image/png")
        data = {**company_data(nip=nip, name=f"Firma {colour}"), "logo": upload}
        assert client_for(user).post("/company/register/", data).status_code == 302
    first, second = (company.logo for company in Company.objects.order_by("pk"))
    assert first.name != second.name
    assert _stored(first) != _stored(second)


def test_a_practice_photo_and_its_thumbnail_are_stored_in_the_bucket_and_served_from_it(
    s3_storage, s3_server, client_for, owner, client
):
    response = client_for(owner).post(
        "/practices/new/", _with_photos(VALID, png_upload(size=(900, 700)), alt="Dach z panelami")
    )
    assert response.status_code == 302
    photo = PracticePhoto.objects.get()
    assert photo.image.name.startswith("practices/") and photo.thumbnail.name.startswith("practices/thumbs/")
    assert photo.thumbnail.width <= 480  # read from the bucket
    practice = photo.practice
    practice.status = PracticeStatus.APPROVED
    practice.published_at = practice.submitted_at or practice.created_at
    practice.save()

    page = client.get(practice.get_absolute_url()).content.decode()
    [thumbnail_url] = [src for src in _image_sources(page) if "/practices/thumbs/" in src]
    assert _fetch(thumbnail_url) == (200, _stored(photo.thumbnail))
    [image_link] = re.findall(r'<a href="([^"]+)"><img', page)
    assert unescape(image_link) == photo.image.url and image_link.startswith(f"{s3_server}/")
    assert _fetch(unescape(image_link)) == (200, _stored(photo.image))
    # The preview for social media names the bucket's address as it is, not SITE_URL in front of it.
    assert f'<meta property="og:image" content="{photo.image.url}">' in unescape(page)


def test_signed_urls_answer_from_a_private_bucket(s3_storage, s3_server):
    bucket = s3_storage("signed=1&expire=300")["options"]["bucket_name"]
    boto3.client("s3", endpoint_url=s3_server, region_name="eu-central-1").delete_bucket_policy(Bucket=bucket)
    photo = PhotoFactory()
    url = photo.image.url
    assert "X-Amz-Signature=" in url
    with pytest.raises(urllib.error.HTTPError, match="403"):
        _fetch(url.split("?")[0])
    assert _fetch(url) == (200, _stored(photo.image))


def test_the_catalogue_takes_its_photos_from_the_bucket(s3_storage, client):
    PhotoFactory(image=png_upload(size=(300, 200)))
    response = client.get("/practices/catalogue.pdf")
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert any(page.images for page in pdf.pages)


def test_build_catalogue_writes_the_pdf_to_the_bucket(s3_storage, s3_server):
    PhotoFactory()
    call_command("build_catalogue", stdout=io.StringIO())
    call_command("build_catalogue", stdout=io.StringIO())  # the night after: the same name, replaced
    name = "catalogue/katalog-dobrych-praktyk.pdf"
    assert _stored(name).startswith(b"%PDF")
    assert default_storage.listdir("catalogue")[1] == ["katalog-dobrych-praktyk.pdf"]
    assert _fetch(default_storage.url(name))[0] == 200
