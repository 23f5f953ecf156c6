"""The practice in the admin: preview link, decision links, filters, search, featured flag, edits under review."""

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.review.admin import CompanyFilter
from practices.admin import GoodPracticeAdmin, GoodPracticeResource
from practices.models import GoodPractice, PracticeRevision
from tests.practices.factories import PracticeFactory
from tests.practices.test_access import VALID

pytestmark = pytest.mark.django_db


def test_the_change_page_links_to_the_preview_and_to_the_decisions(client_for, staff, submitted):
    html = client_for(staff).get(reverse("admin:practices_goodpractice_change", args=[submitted.pk])).content.decode()
    assert submitted.get_absolute_url() in html
    for action in ("publish", "reject", "request_changes"):
        assert reverse("admin:practices_goodpractice_decide", args=[submitted.pk, action]) in html


def test_the_admin_list_filters_and_searches(client_for, staff, submitted, published):
    client = client_for(staff)
    by_status = client.get("/admin/practices/goodpractice/", {"status__exact": "submitted"})
    assert list(by_status.context["cl"].result_list) == [submitted]
    by_text = client.get("/admin/practices/goodpractice/", {"q": "Rowery"})
    assert list(by_text.context["cl"].result_list) == [published]
    for name in ("status", "category", "district", "consent", "featured"):
        assert name in GoodPracticeAdmin.list_filter


def _company_choices(response):
    (company_filter,) = [spec for spec in response.context["cl"].filter_specs if isinstance(spec, CompanyFilter)]
    return [title for value, title in company_filter.lookup_choices]


def test_the_company_filter_offers_the_companies_waiting_and_filters_by_any_company(client_for, staff):
    waiting = PracticeFactory(status="submitted", company__name="Czeka Sp. z o.o.")
    done = PracticeFactory(status="published", company__name="Gotowe S.A.")
    client = client_for(staff)
    response = client.get("/admin/practices/goodpractice/")
    assert _company_choices(response) == ["Czeka Sp. z o.o."]  # not every company the portal has
    # A company with nothing waiting is chosen from its admin page's link: the list shows its practices only.
    company_page = client.get(reverse("admin:partnerships_company_change", args=[done.company.pk])).content.decode()
    link = f"/admin/practices/goodpractice/?company={done.company.pk}"
    assert f'href="{link}"' in company_page
    response = client.get(link)
    assert list(response.context["cl"].result_list) == [done]
    assert _company_choices(response) == ["Czeka Sp. z o.o.", "Gotowe S.A."]
    assert waiting.title not in response.content.decode()


def test_the_company_filter_lists_at_most_its_limit(client_for, staff):
    for number in range(CompanyFilter.LIMIT + 5):
        PracticeFactory(status="submitted", company__name=f"Firma {number:02d}")
    response = client_for(staff).get("/admin/practices/goodpractice/")
    assert len(_company_choices(response)) == CompanyFilter.LIMIT


def test_a_company_filter_that_is_not_a_number_matches_nothing(client_for, staff):
    PracticeFactory(status="submitted")
    response = client_for(staff).get("/admin/practices/goodpractice/", {"company": "1 OR 1=1"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_staff_feature_a_practice_for_the_home_page(client_for, staff, published):
    client_for(staff).post(
        "/admin/practices/goodpractice/",
        {
            "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(published.pk), "form-0-featured": "on", "_save": "Save",
        },
    )
    published.refresh_from_db()
    assert published.featured


def test_an_edit_under_review_shows_what_changes(client_for, owner, staff, published):
    client_for(owner).post(f"/practices/edit/{published.pk}/", {**VALID, "title": "Tytuł po zmianie"})
    revision = PracticeRevision.objects.get()
    client = client_for(staff)
    practice_page = client.get(reverse("admin:practices_goodpractice_change", args=[published.pk])).content.decode()
    assert reverse("admin:practices_practicerevision_change", args=[revision.pk]) in practice_page
    html = client.get(reverse("admin:practices_practicerevision_change", args=[revision.pk])).content.decode()
    assert "Tytuł po zmianie" in html and published.title in html
    assert reverse("admin:practices_practicerevision_decide", args=[revision.pk, "publish"]) in html


def test_the_export_resource_gives_reference_company_and_figures(published):
    PracticeFactory()
    with translation.override("en"):
        dataset = GoodPracticeResource().export(GoodPractice.objects.filter(pk=published.pk))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["reference"] == published.reference()
    assert row["company"] == published.company.name
    assert GoodPracticeResource in GoodPracticeAdmin.resource_classes


def test_a_company_member_cannot_open_the_practice_admin(client_for, owner, published):
    response = client_for(owner).get("/admin/practices/goodpractice/")
    assert response.status_code == 302


def _found(client, term):
    response = client.get("/admin/practices/goodpractice/", {"q": term})
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_the_search_finds_words_a_company_its_nip_and_a_reference(client_for, staff):
    garden = PracticeFactory(title="Łąka kwietna przy biurowcu", company__name="Zielony Dach S.A.")
    bikes = PracticeFactory(title="Rowery dla pracowników", status="submitted")
    client = client_for(staff)
    assert _found(client, "laka kwiet") == {garden}  # diacritics ignored, each word may be a beginning
    assert _found(client, "zielony dach") == {garden}  # the company's name
    assert _found(client, bikes.company.nip) == {bikes}
    assert _found(client, bikes.reference()) == {bikes}
    assert _found(client, "kwietna rowery") == set()  # every word must match


def test_a_search_without_words_finds_nothing_and_fails_nowhere(client_for, staff):
    PracticeFactory()
    client = client_for(staff)
    for term in ("!!!", "%", "'; --", "ą" * 300):
        assert _found(client, term) == set()
