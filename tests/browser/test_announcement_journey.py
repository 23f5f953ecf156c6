"""An announcement from writing to arriving: staff write it in Polish and English, preview it, send a test to
themselves and send it; a Polish and an English member receive it in their language; the English one turns
announcements off from the link without signing in; the owner reads it from the dashboard. axe checks the preview,
the unsubscribe pages and the announcement's page, and the news pages in both languages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partnerships.announcements.models import Announcement, Recipient, receives_announcements
from partnerships.models import Membership
from tests.browser.conftest import PASSWORD, assert_accessible, signed_in, use_language
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in_to_admin(page, base_url, email):
    page.goto(f"{base_url}/admin/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form", has=page.locator("#id_password")).locator("[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def test_an_announcement_goes_from_the_admin_to_both_languages_and_is_turned_off_from_its_link(
    live_server, browser, axe
):
    base = live_server.url
    company = CompanyFactory(name="Zielona Energia sp. z o.o.")
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="wlasciciel@example.com").user
    colleague = MembershipFactory(company=company, user__email="colleague@example.com", user__language="en").user
    staff = StaffFactory(email="urzedniczka@example.com")

    # Staff write it, in Polish and English, and look at the preview.
    staff_page = browser.new_context().new_page()
    _sign_in_to_admin(staff_page, base, staff.email)
    staff_page.goto(f"{base}/admin/announcements/announcement/add/")
    staff_page.select_option("#id_audience", "all_partners")
    staff_page.fill("#id_subject_pl", "Forum wymiany doświadczeń w czerwcu")
    staff_page.fill("#id_body_pl", "Zapraszamy na **forum** w Krakowskim Parku Technologicznym.")
    staff_page.fill("#id_subject_en", "Experience-exchange forum in June")
    staff_page.fill("#id_body_en", "Join us at the **forum** in the Kraków Technology Park.")
    staff_page.locator("input[name=_preview]").click()
    expect(staff_page.locator("#recipient-count")).to_contain_text("2 (pl: 1, en: 1)")
    expect(staff_page.locator("#version-en + div")).to_contain_text("Join us at the forum")
    expect(staff_page.locator("#version-pl + div div strong")).to_have_text("forum")
    assert_accessible(axe, staff_page)

    # A test to herself, then the real thing.
    staff_page.locator("#test-form button").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("urzedniczka@example.com")
    assert sorted(m.subject for m in mail.outbox) == [
        "[Próba] Forum wymiany doświadczeń w czerwcu",
        "[Test] Experience-exchange forum in June",
    ]
    mail.outbox.clear()
    staff_page.locator("#send-form button").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("2")
    announcement = Announcement.objects.get()
    assert announcement.status == Announcement.Status.SENT and announcement.sent_by == staff
    assert sorted(Recipient.objects.values_list("email", "language")) == [
        ("colleague@example.com", "en"),
        ("wlasciciel@example.com", "pl"),
    ]

    # It arrives in each person's language, with a link to turn announcements off.
    received = {m.to[0]: m for m in mail.outbox}
    assert received["wlasciciel@example.com"].subject == "Forum wymiany doświadczeń w czerwcu"
    english = received["colleague@example.com"]
    assert english.subject == "Experience-exchange forum in June"
    assert "Join us at the **forum**" in english.body
    link = re.search(r"https?://\S+/announcements/unsubscribe/\S+/", english.body).group(0)
    assert english.extra_headers["List-Unsubscribe"] == f"<{link}>"

    # The colleague opens the link without signing in: the pages speak English, and confirming turns them off.
    visitor = browser.new_context().new_page()
    visitor.goto(link)
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.locator("main")).to_contain_text("colleague@example.com")
    assert_accessible(axe, visitor)
    assert receives_announcements(colleague)
    visitor.get_by_role("button", name="Stop sending me announcements").click()
    expect(visitor.locator("h1")).to_have_text("Announcements turned off")
    assert_accessible(axe, visitor)
    assert not receives_announcements(colleague)
    assert receives_announcements(owner)

    # The owner finds it on the dashboard and reads it on its own page, in Polish.
    context = signed_in(browser.new_context(), base, owner)
    owner_page = context.new_page()
    owner_page.goto(f"{base}/company/")
    owner_page.locator("#announcements-heading + ul").get_by_role(
        "link", name="Forum wymiany doświadczeń w czerwcu"
    ).click()
    expect(owner_page.locator("h1")).to_have_text("Forum wymiany doświadczeń w czerwcu")
    expect(owner_page.locator("article strong")).to_have_text("forum")
    assert_accessible(axe, owner_page)

    # In the colleague's English, the page is English; announcements turned off, the dashboard still lists it.
    colleague_page = use_language(signed_in(browser.new_context(), base, colleague), base, "en").new_page()
    colleague_page.goto(f"{base}/company/announcements/{announcement.pk}/")
    expect(colleague_page.locator("h1")).to_have_text("Experience-exchange forum in June")
    assert_accessible(axe, colleague_page)
    colleague_page.goto(f"{base}/accounts/settings/")
    expect(colleague_page.locator("#announcements")).to_contain_text("Off")
    colleague_page.get_by_role("button", name="Turn announcements on").click()
    expect(colleague_page.locator("#announcements")).to_contain_text("On")
    assert receives_announcements(colleague)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_news_pages_are_accessible(live_server, browser, axe, language):
    base = live_server.url
    NewsItemFactory(title_pl="Bez wersji angielskiej", title_en="", lead_en="", body_en="")
    item = NewsItemFactory(title_pl="Nowe parki kieszonkowe", title_en="New pocket parks", body_pl="- jeden\n- dwa")
    page = use_language(browser.new_context(), base, language).new_page()
    page.goto(f"{base}/news/")
    expect(page.locator("h1")).to_have_text("Aktualności" if language == "pl" else "News")
    assert_accessible(axe, page)
    page.get_by_role("link", name=item.title_pl if language == "pl" else item.title_en).click()
    expect(page.locator("h1")).to_have_text(item.title_pl if language == "pl" else item.title_en)
    assert_accessible(axe, page)
    page.goto(f"{base}/")
    expect(page.locator("#news-heading")).to_be_visible()
    assert_accessible(axe, page)
