"""Addresses in the portal are readable in Polish and never collide."""

from portal.lib.text import unique_slug
from tests.factories import CompanyFactory


def test_a_company_address_keeps_the_polish_letters_readable():
    company = CompanyFactory(name="Zielona Przyszłość Łódź sp. z o.o.")

    assert company.slug == "zielona-przyszlosc-lodz-sp-z-oo"


def test_a_second_company_with_the_same_name_gets_its_own_address():
    first = CompanyFactory(name="Słoneczny Dach")
    second = CompanyFactory(name="Słoneczny Dach")

    assert (first.slug, second.slug) == ("sloneczny-dach", "sloneczny-dach-2")


def test_a_name_without_letters_falls_back_to_a_word():
    company = CompanyFactory(name="★★★")

    assert unique_slug(company, "★★★", "company") == company.slug == "company"
