"""Staff edit news in the admin: the photo passes the portal's upload checks and needs a description."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.news.models import NewsItem
from tests.factories import png_bytes


def _form(**fields):
    now = timezone.localtime()
    return {
        "is_published": "on",
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "title_pl": "Nowy park kieszonkowy",
        "lead_pl": "Otwieramy park.",
        "body_pl": "Park **otwarty**.",
        "title_en": "",
        "lead_en": "",
        "body_en": "",
        "photo_alt_pl": "",
        "photo_alt_en": "",
        **fields,
    }


def test_a_moderator_publishes_an_item_with_a_photo(client_for, staff):
    photo = SimpleUploadedFile("park.png", png_bytes(), content_type="image/png")
    response = client_for(staff).post(
        "/admin/news/newsitem/add/", _form(photo=photo, photo_alt_pl="Ławki pod drzewami")
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.created_by == staff and item.is_public()
    assert item.photo and item.photo_thumbnail
    assert item.body_pl_html == "<p>Park <strong>otwarty</strong>.</p>"


def test_a_photo_without_a_description_is_refused(client_for, staff):
    photo = SimpleUploadedFile("park.png", png_bytes(), content_type="image/png")
    response = client_for(staff).post("/admin/news/newsitem/add/", _form(photo=photo))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo_alt_pl"]
    assert NewsItem.objects.count() == 0


def test_a_file_that_is_not_an_image_is_refused(client_for, staff):
    fake = SimpleUploadedFile("park.png", b"<script>not a picture</script>", content_type="image/png")
    response = client_for(staff).post("/admin/news/newsitem/add/", _form(photo=fake, photo_alt_pl="Park"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"]
    assert NewsItem.objects.count() == 0


def test_an_english_title_without_the_english_text_is_refused(client_for, staff):
    response = client_for(staff).post("/admin/news/newsitem/add/", _form(title_en="New pocket park"))
    assert response.status_code == 200
    assert NewsItem.objects.count() == 0
