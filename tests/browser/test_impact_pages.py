"""The public climate results — /impact/, its method, /open-data/ and a signatory's partner page — pass axe in Polish
and in English, with figures in every section."""

from decimal import Decimal

import pytest
from django.utils import timezone

from initiatives.models import Ride
from partnerships.climate.models import Report
from partnerships.cooperation.models import Application, CooperationForm
from tests.browser.conftest import assert_accessible, use_language
from tests.climate.conftest import YEAR, make_report
from tests.factories import CompanyFactory, UserFactory
from tests.initiatives.factories import BikeCampaignFactory
from tests.practices.factories import PublishedPracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def results():
    company = CompanyFactory(name="Słoneczny Dach sp. z o.o.")
    Application.objects.create(
        company=company,
        form=CooperationForm.objects.get(slug="pakt-dla-klimatu"),
        answers={"commitments": ["renewable_energy", "mobility"], "target_year": "2040"},
        status="approved",
        decided_at=timezone.now(),
    )
    for year, factor in ((YEAR - 1, Decimal(1)), (YEAR, Decimal("0.9"))):
        report = make_report(company, year=year, status="approved")
        Report.objects.filter(pk=report.pk).update(scope1_t=report.scope1_t * factor)
    campaign = BikeCampaignFactory(title="Rowerowy maj")
    for _ in range(5):
        Ride.objects.create(
            initiative=campaign, company=company, user=UserFactory(), date=timezone.localdate(), km=Decimal("12.5")
        )
    PublishedPracticeFactory(company=company, co2_tonnes_per_year=Decimal("3.5"), trees_planted=20)
    return company


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_public_results_pages_are_accessible(live_server, browser, axe, results, language):
    base = live_server.url
    page = use_language(browser.new_context(), base, language).new_page()
    for path in ("/impact/", "/impact/method/", "/open-data/", results.get_absolute_url()):
        response = page.goto(f"{base}{path}")
        assert response.status == 200
        assert_accessible(axe, page)
    page.goto(f"{base}/impact/")
    assert page.locator("svg[role=img] title").count() == 3
    assert page.locator("table caption").count() >= 5
    assert page.locator("script:not([src])").count() == 0
