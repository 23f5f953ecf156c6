"""Practice texts have a maximum length; their Markdown is rendered once, when saved, never while a page is shown."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.conf import settings

from initiatives.models import Initiative
from practices import text
from practices.forms import LONG_TEXT_FIELDS, PracticeForm
from practices.models import EDITABLE_FIELDS, MARKDOWN_FIELDS, GoodPractice, PracticeRevision
from tests.initiatives.conftest import admin_form_data
from tests.initiatives.factories import InitiativeFactory
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory
from tests.practices.test_access import VALID

pytestmark = pytest.mark.django_db

LIMITS = {"summary": 500, "body": 3000, "what_was_done": 1500, "results": 1500, "challenges": 1500, "links": 2000}


def _text_fields(model, names=None):
    fields = [field for field in model._meta.get_fields() if getattr(field, "get_internal_type", None)]
    return [
        field
        for field in fields
        if field.get_internal_type() in ("CharField", "TextField") and field.editable and not field.choices
        and (names is None or field.name in names)
    ]


def test_every_free_text_field_a_company_or_staff_writes_has_a_maximum():
    for model, names in ((GoodPractice, EDITABLE_FIELDS), (Initiative, None)):
        unlimited = [field.name for field in _text_fields(model, names) if not field.max_length]
        assert unlimited == [], model
    form = PracticeForm()
    for name, limit in LIMITS.items():
        assert form.fields[name].max_length == limit
        assert form.fields[name].widget.attrs["maxlength"] == str(limit)


def test_the_form_states_each_limit_below_its_text_area():
    form = PracticeForm()
    for name in LONG_TEXT_FIELDS:
        assert f"{LIMITS[name]}" in str(form.fields[name].help_text)


@pytest.mark.parametrize("field", list(LIMITS))
def test_a_text_over_its_limit_is_refused_with_a_message_naming_the_limit(client_for, owner, field):
    client = client_for(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/practices/new/", {**VALID, field: "a" * (LIMITS[field] + 1)})
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()
    assert response.context["form"].errors[field]
    message = f"Ensure this value has at most {LIMITS[field]} characters (it has {LIMITS[field] + 1})."
    assert message in response.content.decode()


def test_the_limit_message_is_polish_by_default(client_for, owner):
    response = client_for(owner).post("/practices/new/", {**VALID, "body": "a" * 3001})
    assert "co najwyżej 3000 znaków" in response.content.decode()


def test_a_line_break_counts_as_one_character_as_in_the_browser(client_for, owner):
    body = "Linia.\r\n" * 375  # 3000 characters with CR LF, 2625 as the browser counts them
    response = client_for(owner).post("/practices/new/", {**VALID, "body": body})
    assert response.status_code == 302
    assert GoodPractice.objects.get().body == ("Linia.\n" * 375).strip()


def test_an_initiative_description_over_its_limit_is_refused_in_the_admin(client_for, staff):
    initiative = InitiativeFactory()
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    response = client_for(staff).post(url, admin_form_data(initiative, description="a" * 5001))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["description"]
    initiative.refresh_from_db()
    assert initiative.description != "a" * 5001


def test_saving_stores_the_rendered_and_sanitised_html():
    practice = PracticeFactory(
        body="**Ważne** <script>alert(1)</script>", what_was_done="- jeden\n- dwa", results="", challenges="*mało*"
    )
    assert practice.body_html == "<p><strong>Ważne</strong> </p>"
    assert practice.what_was_done_html == "<ul>\n<li>jeden</li>\n<li>dwa</li>\n</ul>"
    assert practice.results_html == ""
    assert practice.challenges_html == "<p><em>mało</em></p>"
    stored = GoodPractice.objects.values(*(f"{name}_html" for name in MARKDOWN_FIELDS)).get()
    assert stored["body_html"] == practice.body_html


def test_the_page_shows_the_stored_html_and_renders_no_markdown(client, monkeypatch):
    practice = PublishedPracticeFactory(body="Opis **praktyki**.", results="Wyniki *w liczbach*.")

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered while a page was shown")

    monkeypatch.setattr(text.markdown_lib, "markdown", refuse)
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "Opis <strong>praktyki</strong>." in html and "Wyniki <em>w liczbach</em>." in html
    assert client.get("/practices/catalogue.pdf").status_code == 200  # the catalogue reads the stored html too


def test_a_preview_of_a_draft_shows_the_stored_html_too(client_for, owner, draft, monkeypatch):
    monkeypatch.setattr(text.markdown_lib, "markdown", None)  # any call would fail
    html = client_for(owner).get(draft.get_absolute_url()).content.decode()
    assert "Opis <strong>praktyki</strong>." in html


def test_a_status_change_does_not_render_again(owner, draft, monkeypatch):
    practice = draft
    monkeypatch.setattr(text.markdown_lib, "markdown", None)
    practice.transition("submit", by=owner)
    practice.refresh_from_db()
    assert practice.body_html == "<p>Opis <strong>praktyki</strong>.</p>"


def test_a_published_edit_replaces_the_stored_html(owner, staff, published):
    revision = PracticeRevision.objects.create(practice=published, author=owner, data={"body": "Nowy **opis**."})
    revision.transition("submit", by=owner)
    revision.transition("publish", by=staff)
    published.refresh_from_db()
    assert published.body_html == "<p>Nowy <strong>opis</strong>.</p>"


def test_lists_nested_hundreds_deep_are_kept_as_plain_text_not_an_error(client_for, owner, client):
    body = "- " * 1000 + "koniec <b>"  # 2010 characters: within the limit, deeper than the parser can recurse
    response = client_for(owner).post("/practices/new/", {**VALID, "body": body})
    assert response.status_code == 302
    practice = GoodPractice.objects.get()
    assert practice.body_html.startswith("<p>- - - ") and practice.body_html.endswith("koniec &lt;b&gt;</p>")
    assert client_for(owner).get(practice.get_absolute_url()).status_code == 200


def test_the_migration_renders_the_practices_that_exist():
    practices = PublishedPracticeFactory.create_batch(3, body="**Stare** dane")
    GoodPractice.objects.update(body_html="", what_was_done_html="x")
    migration = importlib.import_module("practices.migrations.0003_stored_html_and_text_limits")
    migration.render_stored_html(django_apps, None)
    for practice in practices:
        practice.refresh_from_db()
        assert practice.body_html == "<p><strong>Stare</strong> dane</p>" and practice.what_was_done_html == ""
