"""Anonymous visitors' public pages: no cookie, kept in the shared cache, and changed at once when staff change what
they show (portal/lib/page_cache.py)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative
from partnerships.cooperation.models import CooperationForm
from partnerships.models import Company, CompanyRevision
from portal.news.models import NewsItem
from practices.models import PracticeRevision, PracticeStatus
from tests.admin_review.conftest import form_data
from tests.companies.test_profile_review import _profile
from tests.factories import CompanyFactory
from tests.initiatives.conftest import admin_form_data
from tests.initiatives.factories import InitiativeFactory
from tests.news.test_admin import _form as news_form
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory
from tests.practices.test_access import VALID


@pytest.fixture
def site(company):
    """A little of everything the public pages show."""
    practice = PublishedPracticeFactory(company=company, title="Panele na dachu hali")
    initiative = InitiativeFactory(title="Sprzątanie Wisły", latitude=50.06, longitude=19.94)
    form = CooperationForm.objects.active().first()
    return {"company": company, "practice": practice, "initiative": initiative, "form": form}


def public_urls(site):
    practice, initiative, company, form = site["practice"], site["initiative"], site["company"], site["form"]
    return [
        "/",
        "/about/",
        "/privacy/",
        "/accessibility/",
        "/partners/",
        "/partners/?sector=energy",
        company.get_absolute_url(),
        "/cooperation/",
        reverse("cooperation:detail", args=[form.slug]),
        "/practices/",
        f"/practices/?category={practice.category}",
        "/practices/?q=dachu",
        "/practices/?q=dachu&page=1&sort=newest",
        practice.get_absolute_url(),
        "/initiatives/",
        "/initiatives/past/",
        initiative.get_absolute_url(),
        "/initiatives/map/",
        "/practices/feed/",
        "/news/",
        "/news/feed/",
        "/initiatives/calendar.ics",
        reverse("initiatives:ics", args=[initiative.slug]),
    ]


def _anonymous():
    return Client()


def _english():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_no_public_page_gives_an_anonymous_visitor_a_cookie_or_varies_on_cookies(site):
    for url in public_urls(site):
        response = _anonymous().get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert response["Cache-Control"] == "no-cache", url
        assert response.has_header("ETag"), url
        assert b"csrfmiddlewaretoken" not in response.content, url


@pytest.mark.django_db
def test_a_repeated_anonymous_visit_is_served_from_the_cache_without_the_database(
    site, django_assert_num_queries
):
    for url in public_urls(site):
        first = _anonymous().get(url)
        with django_assert_num_queries(0):
            again = _anonymous().get(url)
        assert again.status_code == 200 and again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"], url
        assert again["Content-Security-Policy"] == first["Content-Security-Policy"], url


@pytest.mark.django_db
def test_the_same_query_in_another_order_is_the_same_cached_page(site, django_assert_num_queries):
    _anonymous().get("/practices/?sort=newest&q=dachu")
    with django_assert_num_queries(0):
        assert _anonymous().get("/practices/?q=dachu&sort=newest").status_code == 200


def _queries_of(url, client=None):
    with CaptureQueriesContext(connection) as queries:
        response = (client or _anonymous()).get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_unknown_or_long_query_strings_are_rendered_but_never_stored(site):
    for url in ("/practices/?utm_source=news", "/practices/?q=" + "a" * 400, "/?anything=1"):
        _anonymous().get(url)
        assert _queries_of(url) > 0, url  # rendered again: the database is read


@pytest.mark.django_db
def test_a_visitor_whose_copy_is_current_gets_304(site):
    first = _anonymous().get("/practices/")
    again = _anonymous().get("/practices/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.django_db
def test_the_language_is_respected(site):
    polish = _anonymous().get("/practices/").content.decode()
    english = _english().get("/practices/").content.decode()
    assert '<html lang="pl">' in polish and '<html lang="en">' in english
    assert '<html lang="pl">' in _anonymous().get("/practices/").content.decode()
    assert _english().get("/practices/")["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_signed_in_user_never_gets_the_anonymous_page_and_the_other_way_round(client_for, owner, site):
    anonymous = _anonymous().get("/practices/").content.decode()
    assert "Sign out" not in anonymous and "Wyloguj" not in anonymous
    signed_in = client_for(owner).get("/practices/")
    assert "Wyloguj" in signed_in.content.decode()
    assert "cookie" in signed_in.get("Vary", "").lower()
    assert "Wyloguj" not in _anonymous().get("/practices/").content.decode()
    assert "Wyloguj" in client_for(owner).get("/practices/").content.decode()


@pytest.mark.django_db
def test_a_visitor_with_a_message_to_read_gets_it(site):
    client = _anonymous()
    client.get(site["practice"].get_absolute_url())  # cached without the message
    client.post(reverse("practices:report", args=[site["practice"].slug]), {"message": "Zły link."})
    assert "Dziękujemy" in client.get(site["practice"].get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_cache_can_be_turned_off(site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _anonymous().get("/practices/")
    assert _queries_of("/practices/") > 0


# Each change by staff (or by a company, for what it withdraws) shows on the next anonymous request.


def _seen(url, text, client=None):
    return text in (client or _anonymous()).get(url).content.decode()


@pytest.mark.django_db
def test_a_practice_staff_publish_appears_at_once(client_for, staff, company, owner, site):
    submitted = PracticeFactory(
        company=company, author=owner, title="Kompost w stołówce", status=PracticeStatus.SUBMITTED
    )
    assert not _seen("/practices/", "Kompost w stołówce")
    assert _anonymous().get(submitted.get_absolute_url()).status_code == 404
    url = reverse("admin:practices_goodpractice_decide", args=[submitted.pk, "publish"])
    assert client_for(staff).post(url, {"reason": ""}).status_code == 302
    assert _seen("/practices/", "Kompost w stołówce")
    assert _seen(submitted.get_absolute_url(), "Kompost w stołówce")
    assert _seen("/practices/feed/", "Kompost w stołówce")


@pytest.mark.django_db
def test_a_practice_its_company_withdraws_disappears_at_once(client_for, owner, site):
    practice = site["practice"]
    assert _seen("/practices/", practice.title) and _seen(practice.get_absolute_url(), practice.title)
    client_for(owner).post(reverse("practices:action", args=[practice.pk, "withdraw"]))
    assert not _seen("/practices/", practice.title)
    assert _anonymous().get(practice.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_edit_of_a_published_practice_staff_accept_shows_at_once(client_for, owner, staff, site):
    practice = site["practice"]
    assert _seen(practice.get_absolute_url(), practice.title)
    client_for(owner).post(reverse("practices:edit", args=[practice.pk]), {**VALID, "title": "Tytuł po zmianie"})
    revision = PracticeRevision.objects.get()
    assert not _seen(practice.get_absolute_url(), "Tytuł po zmianie")  # waits for staff
    url = reverse("admin:practices_practicerevision_decide", args=[revision.pk, "publish"])
    assert client_for(staff).post(url, {"reason": ""}).status_code == 302
    assert _seen(practice.get_absolute_url(), "Tytuł po zmianie")
    assert _seen("/practices/", "Tytuł po zmianie")


@pytest.mark.django_db
def test_a_company_staff_verify_appears_among_partners_at_once(client_for, staff):
    pending = CompanyFactory(name="Nowa Zieleń sp. z o.o.", status=Company.Status.PENDING)
    assert not _seen("/partners/", "Nowa Zieleń")
    url = reverse("admin:partnerships_company_decide", args=[pending.pk, "verify"])
    assert client_for(staff).post(url, {"reason": ""}).status_code == 302
    assert _seen("/partners/", "Nowa Zieleń")
    assert _seen(pending.get_absolute_url(), "Nowa Zieleń")


@pytest.mark.django_db
def test_a_company_staff_withdraw_disappears_at_once(client_for, staff, site):
    company = site["company"]
    assert _seen("/partners/", company.name) and _seen(company.get_absolute_url(), company.name)
    url = reverse("admin:partnerships_company_decide", args=[company.pk, "reject"])
    assert client_for(staff).post(url, {"reason": "Dane się nie zgadzają."}).status_code == 302
    assert not _seen("/partners/", company.name)
    assert _anonymous().get(company.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_profile_change_staff_accept_shows_at_once(client_for, owner, staff, site):
    company = site["company"]
    client_for(owner).post("/company/edit/", _profile(company, name="Zielona Energia Kraków"))
    revision = CompanyRevision.objects.get(company=company)
    assert not _seen("/partners/", "Zielona Energia Kraków")
    url = reverse("admin:partnerships_companyrevision_decide", args=[revision.pk, "approve"])
    assert client_for(staff).post(url, {"reason": ""}).status_code == 302
    assert _seen("/partners/", "Zielona Energia Kraków")
    assert _seen(company.get_absolute_url(), "Zielona Energia Kraków")


@pytest.mark.django_db
def test_an_initiative_staff_publish_appears_at_once(client_for, staff, site):
    draft = InitiativeFactory(title="Sadzenie dębów", status=Initiative.Status.DRAFT)
    assert not _seen("/initiatives/", "Sadzenie dębów") and not _seen("/initiatives/calendar.ics", "Sadzenie dębów")
    url = reverse("admin:initiatives_initiative_change", args=[draft.pk])
    response = client_for(staff).post(url, admin_form_data(draft, status=Initiative.Status.PUBLISHED))
    assert response.status_code == 302
    assert _seen("/initiatives/", "Sadzenie dębów")
    assert _seen(draft.get_absolute_url(), "Sadzenie dębów")
    assert _seen("/initiatives/calendar.ics", "Sadzenie dębów")


@pytest.mark.django_db
def test_an_initiative_staff_cancel_shows_at_once(client_for, staff, site):
    initiative = site["initiative"]
    assert _seen("/initiatives/map/", initiative.title) and _seen("/initiatives/calendar.ics", initiative.title)
    before = _anonymous().get(initiative.get_absolute_url()).content
    client_for(staff).post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "cancel_initiatives", "_selected_action": [initiative.pk]},
    )
    assert Initiative.objects.get(pk=initiative.pk).status == Initiative.Status.CANCELLED
    assert not _seen("/initiatives/map/", initiative.title)
    assert not _seen("/initiatives/calendar.ics", initiative.title)
    assert _anonymous().get(initiative.get_absolute_url()).content != before


@pytest.mark.django_db
def test_a_cooperation_form_staff_change_shows_at_once(client_for, staff, site):
    form = site["form"]
    page = reverse("cooperation:detail", args=[form.slug])
    assert _seen("/cooperation/", form.title_pl) and _seen(page, form.title_pl)
    admin = client_for(staff)
    url = reverse("admin:partnerships_cooperationform_change", args=[form.pk])
    data = form_data(admin.get(url).content.decode(), "cooperationform_form")
    data["title_pl"] = ["Sprzątanie świata razem"]
    assert admin.post(url, data).status_code == 302
    assert _seen("/cooperation/", "Sprzątanie świata razem")
    assert _seen(page, "Sprzątanie świata razem")


@pytest.mark.django_db
def test_a_cooperation_form_staff_retire_leaves_the_list_at_once(client_for, staff, site):
    form = site["form"]
    page = reverse("cooperation:detail", args=[form.slug])
    assert _seen("/cooperation/", form.title_pl) and _seen(page, form.title_pl)
    admin = client_for(staff)
    url = reverse("admin:partnerships_cooperationform_change", args=[form.pk])
    data = form_data(admin.get(url).content.decode(), "cooperationform_form")
    data.pop("is_active")
    assert admin.post(url, data).status_code == 302
    assert not _seen("/cooperation/", form.title_pl)
    assert _anonymous().get(page).status_code == 404


# Forms keep their CSRF protection; the language switch of anonymous visitors checks where the form came from.


@pytest.mark.django_db
def test_a_problem_report_without_the_forms_token_is_refused(site):
    client = Client(enforce_csrf_checks=True)
    url = reverse("practices:report", args=[site["practice"].slug])
    assert client.post(url, {"message": "Zły link."}).status_code == 403
    page = client.get(url)
    assert page.status_code == 200 and "csrftoken" in page.cookies
    token = page.context["csrf_token"]
    assert client.post(url, {"message": "Zły link.", "csrfmiddlewaretoken": str(token)}).status_code == 302


@pytest.mark.django_db
def test_signed_in_forms_without_a_token_are_refused(owner, site):
    owner.language = "pl"
    owner.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(reverse("account_logout")).status_code == 403
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    owner.refresh_from_db()
    assert owner.language == "pl"


@pytest.mark.django_db
def test_a_signed_in_users_language_switch_with_its_token_saves_the_choice(owner, site):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    html = client.get("/practices/").content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.language == "en"


@pytest.mark.django_db
def test_an_anonymous_language_switch_from_this_site_works_and_from_another_is_refused(site):
    client = Client(enforce_csrf_checks=True)
    same = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ORIGIN="http://testserver")
    assert same.status_code == 302 and same.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "null"},
                    {"HTTP_SEC_FETCH_SITE": "cross-site"}):
        refused = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en", "next": "/"}, **headers)
        assert refused.status_code == 403, headers
        assert settings.LANGUAGE_COOKIE_NAME not in refused.cookies


@pytest.mark.django_db
def test_news_staff_publish_and_unpublish_show_at_once(client_for, staff, site):
    assert not _seen("/news/", "Nowy park kieszonkowy")  # the empty list is now in the cache
    assert not _seen("/", "Nowy park kieszonkowy") and not _seen("/news/feed/", "Nowy park kieszonkowy")
    admin = client_for(staff)
    assert admin.post("/admin/news/newsitem/add/", news_form()).status_code == 302
    item = NewsItem.objects.get()
    for url in ("/news/", "/", "/news/feed/", item.get_absolute_url()):
        assert _seen(url, "Nowy park kieszonkowy"), url
    data = news_form()
    data.pop("is_published")
    assert admin.post(reverse("admin:news_newsitem_change", args=[item.pk]), data).status_code == 302
    for url in ("/news/", "/", "/news/feed/"):
        assert not _seen(url, "Nowy park kieszonkowy"), url
    assert _anonymous().get(item.get_absolute_url()).status_code == 404
