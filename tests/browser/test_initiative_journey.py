"""A verified company's member signs the company up for a bike campaign, logs a ride and finds it in the results.

axe checks every page visited, in Polish and in English.
"""

import pytest
from django.utils import timezone

from partnerships.models import Membership
from tests.browser.conftest import assert_accessible, signed_in, use_language
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.factories import BikeCampaignFactory, InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_joins_a_campaign_logs_a_ride_and_sees_the_results(live_server, page, axe):
    company = CompanyFactory(name="Rowerowa Firma sp. z o.o.")
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="rower@example.com").user
    campaign = BikeCampaignFactory(title="Rowerem do pracy — edycja testowa")
    InitiativeFactory(title="Sadzimy drzewa", latitude="50.070500", longitude="20.045000")
    signed_in(page.context, live_server.url, owner)
    tile_requests = []
    page.on(
        "request", lambda request: tile_requests.append(request.url) if "tile.openstreetmap" in request.url else None
    )
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())

    page.goto(f"{live_server.url}/initiatives/")
    assert_accessible(axe, page)
    page.click(f"a[href='{campaign.get_absolute_url()}']")
    page.wait_for_url(f"**{campaign.get_absolute_url()}")
    assert_accessible(axe, page)

    page.fill("#id_participants", "4")
    page.fill("#id_contact_phone", "+48 600 100 200")
    page.click("#participation-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert company.name in page.inner_text("#partners-heading + ul")
    assert_accessible(axe, page)

    page.click(f"a[href='/initiatives/{campaign.slug}/rides/']")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_km", "14.5")
    page.click("#ride-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "14,5" in page.inner_text("table")
    assert_accessible(axe, page)

    page.click(f"a[href='/initiatives/{campaign.slug}/results/']")
    assert company.name in page.inner_text("table.ranking")
    assert_accessible(axe, page)

    page.goto(f"{live_server.url}/initiatives/map/")
    assert_accessible(axe, page)
    assert tile_requests == []

    use_language(page.context, live_server.url, "en")
    page.goto(f"{live_server.url}/initiatives/{campaign.slug}/rides/")
    assert "14.5" in page.inner_text("table")
    for path in [
        "/initiatives/",
        campaign.get_absolute_url(),
        f"/initiatives/{campaign.slug}/rides/",
        f"/initiatives/{campaign.slug}/results/",
        "/initiatives/past/",
        "/initiatives/map/",
    ]:
        page.goto(live_server.url + path)
        assert page.get_attribute("html", "lang") == "en"
        assert_accessible(axe, page)

    page.click("#load-map")
    page.wait_for_selector(".leaflet-marker-icon")
    assert tile_requests  # only now, after the visitor asked for the map
