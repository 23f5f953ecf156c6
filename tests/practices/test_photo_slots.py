"""The photos of a practice: one empty, optional slot at a time, never marked required, and another photo added
without JavaScript by saving the draft, so nothing typed or chosen is lost."""

import re

import pytest

from practices.forms import MAX_PHOTOS
from practices.models import GoodPractice, PracticePhoto
from tests.practices.factories import PhotoFactory, png_upload
from tests.practices.test_access import VALID

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _photo_fieldsets(html):
    return re.findall(r'<fieldset class="border rounded p-3 mb-3 practice-photo-form.*?</fieldset>', html, re.S)


def _slot(index, **values):
    return {f"photos-{index}-{name}": value for name, value in values.items()}


def _with_slots(total, initial=0, **fields):
    return {**VALID, "photos-TOTAL_FORMS": str(total), "photos-INITIAL_FORMS": str(initial), **fields}


def test_the_new_practice_form_offers_one_photo_slot(client_for, owner):
    html = client_for(owner).get("/practices/new/").content.decode()
    slots = _photo_fieldsets(html)
    assert len(slots) == 1
    assert "Add a photo (optional)" in slots[0]


def test_the_empty_photo_slot_does_not_look_required(client_for, owner):
    html = client_for(owner).get("/practices/new/").content.decode()
    (slot,) = _photo_fieldsets(html)
    assert "asteriskField" not in slot
    assert not re.search(r"\srequired[\s>=]", slot)
    # The practice's own required fields still say so.
    assert re.search(r'for="id_title"[^>]*>\s*Title\s*<span class="asteriskField">\*</span>', html)


def test_a_draft_is_saved_with_the_photo_slot_left_empty(client_for, owner):
    data = _with_slots(1, **_slot(0, image="", alt_text="", caption="", order="0"))
    response = client_for(owner).post("/practices/new/", data)
    assert response.status_code == 302
    assert GoodPractice.objects.count() == 1 and not PracticePhoto.objects.exists()


def test_a_photo_without_its_description_is_refused_and_the_text_typed_stays(client_for, owner):
    data = _with_slots(1, **_slot(0, image=png_upload(), alt_text="", caption="Dach hali B", order=""))
    response = client_for(owner).post("/practices/new/", data)
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()
    html = response.content.decode()
    assert "Say what the photo shows, for people who cannot see it." in html
    assert 'value="Dach hali B"' in html and VALID["title"] in html


def test_a_description_without_a_photo_is_refused(client_for, owner):
    data = _with_slots(1, **_slot(0, image="", alt_text="Panele na dachu", caption="", order=""))
    response = client_for(owner).post("/practices/new/", data)
    assert response.status_code == 200
    assert "Choose the photo, or leave this slot empty." in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_save_and_add_another_photo_keeps_the_photo_and_offers_a_new_slot(client_for, owner):
    client = client_for(owner)
    data = _with_slots(1, add_photo="", **_slot(0, image=png_upload(), alt_text="Panele na dachu", order="0"))
    response = client.post("/practices/new/", data)
    practice = GoodPractice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/practices/edit/{practice.pk}/#new-photo"
    assert list(practice.photos.values_list("alt_text", flat=True)) == ["Panele na dachu"]

    slots = _photo_fieldsets(client.get(response["Location"]).content.decode())
    assert len(slots) == 2
    assert "Panele na dachu" in slots[0] and 'id="new-photo"' in slots[1]


def test_a_second_photo_is_added_on_the_edit_page(client_for, owner, draft):
    first = PhotoFactory(practice=draft, alt_text="Pierwsze")
    client = client_for(owner)
    data = _with_slots(
        2,
        initial=1,
        add_photo="",
        **_slot(0, id=str(first.pk), alt_text="Pierwsze", caption="", order="0"),
        **_slot(1, image=png_upload(), alt_text="Drugie", caption="", order="1"),
    )
    response = client.post(f"/practices/edit/{draft.pk}/", data)
    assert response.status_code == 302
    assert list(draft.photos.values_list("alt_text", flat=True)) == ["Pierwsze", "Drugie"]
    assert len(_photo_fieldsets(client.get(f"/practices/edit/{draft.pk}/").content.decode())) == 3


def test_with_ten_photos_no_empty_slot_or_add_button_is_offered(client_for, owner, draft):
    for number in range(MAX_PHOTOS):
        PhotoFactory(practice=draft, alt_text=f"Zdjęcie {number}")
    html = client_for(owner).get(f"/practices/edit/{draft.pk}/").content.decode()
    assert len(_photo_fieldsets(html)) == MAX_PHOTOS
    assert 'id="new-photo"' not in html and 'name="add_photo"' not in html
