from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Company
from tests.factories import CompanyFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_issues_the_same_queries_for_5_and_200_partners(client, db):
    # The COUNT for the paginator and one SELECT of the page (24 companies); the session is not touched.
    CompanyFactory.create_batch(5, logo_thumbnail="logos/thumbs/x.png")
    small = _queries(client, "/partners/?sector=technology")
    CompanyFactory.create_batch(195, logo_thumbnail="logos/thumbs/x.png")
    large = _queries(client, "/partners/?sector=technology")
    assert small == large == 2


def test_only_verified_companies_are_listed(client, db):
    CompanyFactory(name="Zweryfikowana")
    CompanyFactory(name="Oczekująca", status=Company.Status.PENDING)
    CompanyFactory(name="Odrzucona", status=Company.Status.REJECTED)
    html = client.get("/partners/").content.decode()
    assert "Zweryfikowana" in html
    assert "Oczekująca" not in html and "Odrzucona" not in html


def test_it_searches_by_name(client, db):
    CompanyFactory(name="Słoneczne Dachy")
    CompanyFactory(name="Rowerowa Logistyka")
    html = client.get("/partners/?q=dachy").content.decode()
    assert "Słoneczne Dachy" in html and "Rowerowa Logistyka" not in html


def test_it_filters_by_sector_and_district(client, db):
    CompanyFactory(name="Energia z Nowej Huty", sector="energy", district="18")
    CompanyFactory(name="Energia ze Starego Miasta", sector="energy", district="01")
    CompanyFactory(name="Handel z Nowej Huty", sector="trade", district="18")
    html = client.get("/partners/?sector=energy&district=18").content.decode()
    assert "Energia z Nowej Huty" in html
    assert "Energia ze Starego Miasta" not in html and "Handel z Nowej Huty" not in html


def test_an_unknown_filter_value_is_not_an_error(client, db):
    CompanyFactory(name="Firma")
    assert client.get("/partners/?sector=nonsense&page=abc").status_code == 200


def test_it_shows_24_partners_per_page_and_keeps_the_filters_in_the_links(client, db):
    CompanyFactory.create_batch(30, sector="energy")
    response = client.get("/partners/?sector=energy")
    assert len(response.context["page"].object_list) == 24
    assert "?sector=energy&amp;page=2" in response.content.decode()
    assert len(client.get("/partners/?sector=energy&page=2").context["page"].object_list) == 6


def test_the_partner_page_shows_the_profile(client, db):
    company = CompanyFactory(
        name="Zielone Biuro",
        website="https://zielone.example.pl",
        description="Biura z zielenią.",
        logo="logos/zielone.png",
    )
    html = client.get(f"/partners/{company.slug}/").content.decode()
    assert "<h1>Zielone Biuro</h1>" in html
    assert "Biura z zielenią." in html
    assert '<a href="https://zielone.example.pl" rel="noopener">' in html
    assert 'alt="Zielone Biuro"' in html


def test_a_pending_company_has_no_public_page(client, db):
    company = CompanyFactory(status=Company.Status.PENDING)
    assert client.get(f"/partners/{company.slug}/").status_code == 404
