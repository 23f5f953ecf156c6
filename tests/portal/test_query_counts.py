"""Every public page, every company page and the admin lists staff use daily run the same number of queries with 10
and with 60 rows of everything (more than a page of each list, so paging is part of it), and no more than 5 for a
visitor who has not signed in, 10 for someone signed in.

What is measured is the page as the server renders it: the page cache is off (the `rendered_pages` fixture; the rows
here are made with bulk_create, which tells the page cache nothing) and the shared cache is emptied before each
measured request, so nothing a cache may hold (the years of the practice filter) hides a query. For a signed-in
person the session and the user (with their membership and company, portal.auth_backends) are counted too.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative, Participation, Ride
from partnerships.climate.models import Report
from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Company, Invitation, JoinRequest, Membership
from partnerships.review.models import ReviewEvent
from portal.models import User
from portal.news.models import NewsItem
from practices.models import GoodPractice, PracticePhoto, PracticeStatus
from tests.factories import CompanyFactory, UserFactory
from tests.initiatives.factories import BikeCampaignFactory, InitiativeFactory
from tests.news.factories import NewsItemFactory
from tests.practices.factories import PublishedPracticeFactory

pytestmark = pytest.mark.usefixtures("rendered_pages")

ANONYMOUS_LIMIT = 5
SIGNED_IN_LIMIT = 10
SIZES = (10, 60)


class World:
    """Rows of every kind, grown by `grow(n)` to n of each: partners, practices with photos, initiatives (coming,
    past, on the map) with companies taking part, applications with review events, Climate Pact signatories with
    verified reports on two years, news items, and, for the company of
    `owner`, its members, invitations, requests to join, practices, applications, sign-ups and rides."""

    def __init__(self, owner, company):
        self.owner, self.company, self.size = owner, company, 0
        self.practice = PublishedPracticeFactory(company=company, title="Zielony dach na biurowcu")
        self.draft = PublishedPracticeFactory(company=company, status=PracticeStatus.DRAFT, published_at=None)
        self.pact = CooperationForm.objects.get(slug="pakt-dla-klimatu")
        self.partner = CompanyFactory(name="Partner Testowy")
        self.initiative = InitiativeFactory(latitude=Decimal("50.06"), longitude=Decimal("19.93"), capacity=None)
        self.campaign = BikeCampaignFactory()
        self.news_item = NewsItemFactory(title_pl="Nowy park kieszonkowy")
        self.own_application = Application.objects.create(
            company=company, form=self.pact, status=Application.Status.DRAFT, created_by=owner
        )
        Participation.objects.create(
            initiative=self.campaign, company=company, participants=3, contact_name="A", contact_email="a@example.com"
        )

    def grow(self, n):
        more, start, self.size = n - self.size, self.size, n
        tag = f"s{start}"
        now = timezone.now()
        companies = CompanyFactory.build_batch(more)
        for i, company in enumerate(companies):
            company.slug = f"firma-{tag}-{i}"
        companies = Company.objects.bulk_create(companies)

        practices = []
        for i, company in enumerate([*companies, *[self.company] * more]):
            practice = PublishedPracticeFactory.build(
                company=company, title=f"Praktyka {tag} {i}", slug=f"praktyka-{tag}-{i}", published_at=now
            )
            practice.search_text = practice.build_search_text()
            practice.render_html()
            practices.append(practice)
        practices = GoodPractice.objects.bulk_create(practices)
        PracticePhoto.objects.bulk_create(
            PracticePhoto(practice=practice, image=f"practices/{practice.slug}.png", alt_text="Zdjęcie")
            for practice in practices
        )

        soon, before = now + timedelta(days=3), now - timedelta(days=30)
        initiatives = []
        for i in range(more):
            for when, kind in ((soon, "soon"), (before, "past")):
                initiatives.append(InitiativeFactory.build(
                    title=f"Akcja {tag} {kind} {i}", slug=f"akcja-{tag}-{kind}-{i}", start=when,
                    end=when + timedelta(hours=2), registration_deadline=when - timedelta(days=1),
                    latitude=Decimal("50.06"), longitude=Decimal("19.93"),
                ))
        initiatives = Initiative.objects.bulk_create(initiatives)
        Participation.objects.bulk_create(
            [Participation(initiative=self.initiative, company=c, participants=1, contact_name="A",
                           contact_email="a@example.com") for c in companies]
            + [Participation(initiative=i, company=c, participants=1, contact_name="A", contact_email="a@example.com")
               for i, c in zip(initiatives[::2], companies, strict=True)]
            + [Participation(initiative=i, company=self.company, participants=1, contact_name="A",
                             contact_email="a@example.com") for i in initiatives[::2]]
            + [Participation(initiative=self.campaign, company=c, participants=2, contact_name="A",
                             contact_email="a@example.com") for c in companies]
        )

        forms = CooperationForm.objects.bulk_create(
            CooperationForm(slug=f"forma-{tag}-{i}", kind="communication", title_pl=f"Forma {tag} {i}",
                            summary_pl="Opis") for i in range(more)
        )
        applications = Application.objects.bulk_create(
            [Application(company=c, form=self.pact, status=Application.Status.APPROVED) for c in companies]
            + [Application(company=c, form=f, status=Application.Status.SUBMITTED, submitted_at=now)
               for c, f in zip(companies, forms, strict=True)]
            + [Application(company=self.company, form=f, status=Application.Status.CHANGES_REQUESTED,
                           decision_reason="Popraw") for f in forms]
        )
        Report.objects.bulk_create(  # the Climate Pact signatories' verified years, shown on /impact/
            Report(company=c, year=year, status="approved", scope1_t=2, scope2_location_t=2, scope2_market_t=1,
                   energy_mwh=10, submitted_at=now)
            for c in companies for year in (now.year - 2, now.year - 1)
        )
        news = NewsItemFactory.build_batch(more, publish_at=now - timedelta(days=1))
        for i, item in enumerate(news):
            item.slug, item.body_pl_html, item.body_en_html = f"wiadomosc-{tag}-{i}", "<p>Treść</p>", "<p>Text</p>"
        NewsItem.objects.bulk_create(news)
        content_type = ContentType.objects.get_for_model(Application)
        ReviewEvent.objects.bulk_create(
            ReviewEvent(content_type=content_type, object_id=a.pk, action="submit", from_status="draft",
                        to_status="submitted", by=self.owner) for a in applications
        )

        users = UserFactory.build_batch(more)
        for i, user in enumerate(users):
            user.email = f"osoba-{tag}-{i}@example.com"
        users = User.objects.bulk_create(users)
        Membership.objects.bulk_create(
            Membership(company=self.company, user=u, role=Membership.Role.COLLEAGUE) for u in users[: more // 2]
        )
        JoinRequest.objects.bulk_create(JoinRequest(company=self.company, user=u) for u in users[more // 2 :])
        Invitation.objects.bulk_create(
            Invitation(company=self.company, email=f"zaproszenie-{tag}-{i}@example.com", invited_by=self.owner,
                       token=f"{tag}x{i}".ljust(43, "a")) for i in range(more)
        )
        Ride.objects.bulk_create(
            Ride(initiative=self.campaign, company=self.company, user=u, date=timezone.localdate(), km=5)
            for u in [self.owner] * more
        )


@pytest.fixture
def world(db, owner, company):
    return World(owner, company)


def _count(client, url):
    cache.clear()  # the page as rendered, not as a cache may hold it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def _counts(client, world, url):
    """The queries of `url` at each size; `url` may be a function of the world, called at each size."""
    counts = []
    for size in SIZES:
        world.grow(size)
        address = url(world) if callable(url) else url
        client.get(address)  # per-process caches (content types, permissions of the session) are filled once
        counts.append(_count(client, address))
    return counts


PUBLIC_PAGES = {
    # name: (address, queries for a visitor, queries for the signed-in owner)
    "home": ("/", 3, 5),
    "partners": ("/partners/", 2, 4),
    "partners, search and filters": ("/partners/?q=firma&sector=technology&district=01", 2, 4),
    "partners, page 2": ("/partners/?page=2", 2, 4),
    "a partner": (lambda w: w.partner.get_absolute_url(), 2, 4),
    "cooperation": ("/cooperation/", 1, 3),
    "a cooperation form": (lambda w: w.pact.get_absolute_url(), 3, 5),
    "practices": ("/practices/", 4, 6),
    "practices, filters": ("/practices/?category=energy_efficiency&district=01&year=2022&sort=co2", 4, 6),
    # Common words (every practice holds "praktyka"), then a rare word: see practices.views.practice_list.
    "practices, search": ("/practices/?q=praktyka", 4, 6),
    "practices, search by sector, page 2": ("/practices/?q=praktyka&sector=technology&page=2", 4, 6),
    "practices, rare word": ("/practices/?q=biurowcu", 5, 7),
    "a practice": (lambda w: w.practice.get_absolute_url(), 4, 7),
    "initiatives": ("/initiatives/", 2, 4),
    "initiatives, page 2": ("/initiatives/?page=2&kind=tree_planting", 2, 4),
    "past initiatives": ("/initiatives/past/", 2, 4),
    "an initiative": (lambda w: w.initiative.get_absolute_url(), 2, 5),
    "map": ("/initiatives/map/", 1, 3),
    "feed": ("/practices/feed/", 1, 3),
    "news": ("/news/", 2, 4),
    "news, page 2": ("/news/?page=2", 2, 4),
    "a news item": (lambda w: w.news_item.get_absolute_url(), 1, 3),
    "news feed": ("/news/feed/", 1, 3),
    "open data": ("/open-data/", 0, 2),
    "impact": ("/impact/", 5, 7),
    "impact, method": ("/impact/method/", 1, 3),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_public_page_costs_a_visitor_the_same_few_queries_at_any_size(client, world, name):
    url, expected, _signed_in = PUBLIC_PAGES[name]
    assert _counts(client, world, url) == [expected] * len(SIZES)
    assert expected <= ANONYMOUS_LIMIT


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_public_page_costs_someone_signed_in_the_same_few_queries_at_any_size(client_for, world, name):
    url, _anonymous, expected = PUBLIC_PAGES[name]
    assert _counts(client_for(world.owner), world, url) == [expected] * len(SIZES)
    assert expected <= SIGNED_IN_LIMIT


COMPANY_PAGES = {
    "dashboard": ("/company/", 10),
    "company profile": ("/company/edit/", 3),
    "members": ("/company/members/", 5),
    "an application": (lambda w: reverse("cooperation:application_detail", args=[w.own_application.pk]), 4),
    "an application's form": (lambda w: reverse("cooperation:application_edit", args=[w.own_application.pk]), 3),
    "applying": ("/cooperation/atelier-innowacji/apply/", 4),
    "a new practice": ("/practices/new/", 2),
    "editing a draft practice": (lambda w: reverse("practices:edit", args=[w.draft.pk]), 4),
    "editing a published practice": (lambda w: reverse("practices:edit", args=[w.practice.pk]), 4),
    "taking part in an initiative": (lambda w: w.initiative.get_absolute_url(), 5),
    "rides of a bike campaign": (lambda w: reverse("initiatives:rides", args=[w.campaign.slug]), 6),
    "results of a bike campaign": (lambda w: reverse("initiatives:results", args=[w.campaign.slug]), 4),
}


@pytest.mark.parametrize("name", COMPANY_PAGES)
def test_a_company_page_costs_the_same_few_queries_at_any_size(client_for, world, name):
    url, expected = COMPANY_PAGES[name]
    assert _counts(client_for(world.owner), world, url) == [expected] * len(SIZES)
    assert expected <= SIGNED_IN_LIMIT


ADMIN_PAGES = {
    # name: (address, queries): the session, the user, their and their groups' permissions, each filter's choices
    # that come from the database, the count and the page (the session is written at most once a minute).
    "practices": ("/admin/practices/goodpractice/", 8),
    "practices waiting, searched": ("/admin/practices/goodpractice/?status__exact=submitted&q=praktyka", 8),
    "practices of a company": (lambda w: f"/admin/practices/goodpractice/?company={w.company.pk}", 8),
    "companies": ("/admin/partnerships/company/", 7),
    "applications": ("/admin/partnerships/application/", 9),
    "applications of a company": (lambda w: f"/admin/partnerships/application/?company={w.company.pk}", 9),
    "climate reports": ("/admin/climate/report/", 9),
    "initiatives": ("/admin/initiatives/initiative/", 8),
    "participations": ("/admin/initiatives/participation/", 7),
}


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_an_admin_list_costs_staff_the_same_queries_at_any_size(client_for, staff, world, name):
    url, expected = ADMIN_PAGES[name]
    assert _counts(client_for(staff), world, url) == [expected] * len(SIZES)
    assert expected <= SIGNED_IN_LIMIT


def test_the_waiting_page_costs_one_query_per_kind_of_waiting_object_at_any_size(client_for, staff, world):
    # The session, the user and the permissions (3), then one query per registered model (companies, profile
    # changes, applications, participations, practices with the edits waiting read first, problem reports, climate
    # reports): the page lists every kind together, oldest first.
    assert _counts(client_for(staff), world, "/admin/waiting/") == [12] * len(SIZES)
