"""A verified company's changes to what the public sees wait for staff: the partner pages keep the approved profile
until staff accept the change (CompanyRevision), the way edits of published practices wait."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Company, CompanyRevision
from partnerships.review.workflow import TransitionNotAllowed
from tests.companies.helpers import company_data, valid_nip
from tests.factories import png_bytes

OLD_NAME = "Zielona Energia sp. z o.o."
NEW_NAME = "Urząd Miasta Krakowa – oficjalny partner"
NEW_WEBSITE = "https://elsewhere.example.com"


def _profile(company, **overrides):
    """The edit form as the owner sends it: the company's profile as it is, with `overrides`."""
    values = {
        name: getattr(company, name)
        for name in ("name", "regon", "krs", "sector", "size", "street", "postal_code", "city", "district", "website",
                     "description")
    }
    return company_data(nip=company.nip, **values) | overrides


def _decide(client, revision, action, reason=""):
    url = reverse("admin:partnerships_companyrevision_decide", args=[revision.pk, action])
    return client.post(url, {"reason": reason})


def _public_pages(client, company):
    return client.get("/partners/").content.decode() + client.get(f"/partners/{company.slug}/").content.decode()


@pytest.fixture
def renamed(client_for, owner, company):
    """The owner of the verified company renames it and points its website elsewhere."""
    response = client_for(owner).post("/company/edit/", _profile(company, name=NEW_NAME, website=NEW_WEBSITE))
    assert response.status_code == 302
    return CompanyRevision.objects.get(company=company)


def test_a_renamed_verified_company_keeps_its_approved_name_in_public_until_staff_accept(
    client_for, client, owner, company, staff
):
    response = client_for(owner).post(
        "/company/edit/", _profile(company, name=NEW_NAME, website=NEW_WEBSITE), follow=True
    )

    public = _public_pages(client, company)
    assert OLD_NAME in public
    assert NEW_NAME not in public and NEW_WEBSITE not in public
    assert "Your changes are sent to city staff for review." in response.content.decode()
    company.refresh_from_db()
    assert (company.name, company.website) == (OLD_NAME, "")

    revision = CompanyRevision.objects.get(company=company)
    assert _decide(client_for(staff), revision, "approve").status_code == 302

    public = _public_pages(client, company)
    assert NEW_NAME in public and NEW_WEBSITE in public
    assert OLD_NAME not in public
    company.refresh_from_db()
    assert (company.name, company.website) == (NEW_NAME, NEW_WEBSITE)
    assert client.get(f"/partners/{company.slug}/").status_code == 200  # the address stays


def test_rejected_changes_leave_the_public_profile_as_it_was(client_for, client, company, staff, renamed):
    _decide(client_for(staff), renamed, "reject", "To nie jest urząd miasta.")

    renamed.refresh_from_db()
    company.refresh_from_db()
    assert renamed.status == "rejected"
    assert company.name == OLD_NAME and company.website == ""
    public = _public_pages(client, company)
    assert OLD_NAME in public and NEW_NAME not in public


def test_the_revision_holds_only_what_changes(renamed):
    assert renamed.data == {"name": NEW_NAME, "website": NEW_WEBSITE}
    assert renamed.status == "submitted" and renamed.submitted_at
    assert renamed.reference().startswith("FIRE-")


def test_size_and_address_are_saved_at_once_and_nothing_waits(client_for, owner, company):
    response = client_for(owner).post(
        "/company/edit/", _profile(company, size="large", street="ul. Nowa 7"), follow=True
    )

    assert "The company&#x27;s profile is saved." in response.content.decode()
    company.refresh_from_db()
    assert (company.size, company.street) == ("large", "ul. Nowa 7")
    assert not CompanyRevision.objects.exists()


def test_address_is_saved_at_once_while_the_public_fields_wait(client_for, owner, company):
    client_for(owner).post("/company/edit/", _profile(company, street="ul. Nowa 7", description="Nowy opis."))

    company.refresh_from_db()
    assert company.street == "ul. Nowa 7" and company.description == "Firma z Krakowa."
    assert CompanyRevision.objects.get().data == {"description": "Nowy opis."}


def test_the_nip_of_a_verified_company_still_cannot_change(client_for, owner, company):
    old = company.nip
    client_for(owner).post("/company/edit/", _profile(company, name=NEW_NAME) | {"nip": valid_nip("777000222")})

    company.refresh_from_db()
    assert company.nip == old
    assert "nip" not in CompanyRevision.objects.get().data


def test_a_second_edit_is_refused_while_the_first_waits(client_for, owner, company, renamed):
    client = client_for(owner)

    response = client.post("/company/edit/", _profile(company, name="Druga zmiana"), follow=True)

    assert "Your earlier changes to the profile are waiting for review." in response.content.decode()
    assert list(CompanyRevision.objects.values_list("data__name", flat=True)) == [NEW_NAME]
    company.refresh_from_db()
    assert company.name == OLD_NAME


def test_the_edit_page_shows_the_waiting_changes_instead_of_the_form(client_for, owner, renamed):
    response = client_for(owner).get("/company/edit/")

    html = response.content.decode()
    assert response.status_code == 200 and response.context["form"] is None
    assert NEW_NAME in html and OLD_NAME in html and renamed.reference() in html
    assert reverse("partnerships:withdraw_changes") in html


def test_the_dashboard_shows_the_owner_the_waiting_changes_with_a_way_to_withdraw_them(client_for, owner, renamed):
    html = client_for(owner).get("/company/").content.decode()

    assert "Changes to the public profile" in html and NEW_NAME in html and NEW_WEBSITE in html
    assert reverse("partnerships:withdraw_changes") in html


def test_a_colleague_reads_the_waiting_changes_but_cannot_withdraw_them(client_for, colleague, renamed):
    client = client_for(colleague)
    html = client.get("/company/").content.decode()

    assert NEW_NAME in html and reverse("partnerships:withdraw_changes") not in html
    assert client.post(reverse("partnerships:withdraw_changes")).status_code == 403
    renamed.refresh_from_db()
    assert renamed.status == "submitted"


def test_the_owner_withdraws_the_changes_and_may_edit_again(client_for, owner, company, renamed):
    client = client_for(owner)

    response = client.post(reverse("partnerships:withdraw_changes"), follow=True)

    renamed.refresh_from_db()
    assert renamed.status == "withdrawn"
    assert "Your changes are withdrawn." in response.content.decode()
    assert client.get("/company/edit/").context["form"] is not None
    client.post("/company/edit/", _profile(company, name="Po namyśle"))
    assert CompanyRevision.objects.get(status="submitted").data == {"name": "Po namyśle"}


def test_withdrawing_when_nothing_waits_says_so(client_for, owner):
    response = client_for(owner).post(reverse("partnerships:withdraw_changes"), follow=True)
    assert "No changes of the profile are waiting for review." in response.content.decode()


def test_changes_sent_back_are_corrected_in_the_same_revision(client_for, owner, company, staff, renamed):
    _decide(client_for(staff), renamed, "request_changes", "Nazwa musi być nazwą firmy.")
    client = client_for(owner)

    dashboard = client.get("/company/").content.decode()
    edit_page = client.get("/company/edit/")
    assert "Nazwa musi być nazwą firmy." in dashboard
    assert edit_page.context["form"].initial["name"] == NEW_NAME  # the form starts from the proposal
    client.post("/company/edit/", _profile(company, name="Zielona Energia Kraków sp. z o.o.", website=NEW_WEBSITE))

    renamed.refresh_from_db()
    assert CompanyRevision.objects.count() == 1
    assert renamed.status == "submitted"
    assert renamed.data == {"name": "Zielona Energia Kraków sp. z o.o.", "website": NEW_WEBSITE}
    assert [event.action for event in renamed.review_history()] == ["submit", "request_changes", "submit"]


def test_changes_sent_back_and_undone_are_withdrawn(client_for, owner, company, staff, renamed):
    _decide(client_for(staff), renamed, "request_changes", "Nazwa musi być nazwą firmy.")

    client_for(owner).post("/company/edit/", _profile(company))

    renamed.refresh_from_db()
    assert renamed.status == "withdrawn"


def _upload():
    return SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")


def test_a_new_logo_waits_for_review_and_then_replaces_the_old(client_for, client, owner, company, staff):
    client_for(owner).post("/company/edit/", {**_profile(company), "logo": _upload()})

    company.refresh_from_db()
    revision = CompanyRevision.objects.get()
    assert not company.logo and not company.logo_thumbnail
    assert revision.logo and revision.logo.name.startswith("logos/proposed/")
    assert revision.logo.url not in _public_pages(client, company)

    _decide(client_for(staff), revision, "approve")

    company.refresh_from_db()
    assert company.logo and company.logo_thumbnail
    assert company.logo.name != revision.logo.name  # a copy of its own
    assert company.logo.url in client.get(f"/partners/{company.slug}/").content.decode()


def test_removing_the_logo_waits_for_review(client_for, owner, company, staff):
    company.logo.save("logo.png", _upload(), save=False)
    company.logo_thumbnail.save("logo-thumb.png", _upload(), save=False)
    company.save()

    client_for(owner).post("/company/edit/", {**_profile(company), "logo-clear": "on"})

    company.refresh_from_db()
    revision = CompanyRevision.objects.get()
    assert company.logo and revision.removes_logo
    _decide(client_for(staff), revision, "approve")
    company.refresh_from_db()
    assert not company.logo and not company.logo_thumbnail


def test_a_company_waiting_for_verification_edits_directly(client_for, owner, company):
    company.status = Company.Status.PENDING
    company.save()

    client_for(owner).post("/company/edit/", _profile(company, name=NEW_NAME))

    company.refresh_from_db()
    assert company.name == NEW_NAME
    assert not CompanyRevision.objects.exists()


def test_a_company_that_lost_its_verification_edits_directly_and_its_waiting_changes_lapse(
    client_for, owner, company, staff, renamed
):
    company.transition("reject", by=staff, reason="Weryfikacja cofnięta.")

    with pytest.raises(TransitionNotAllowed):
        renamed.transition("approve", by=staff)
    assert not CompanyRevision.objects.waiting_for_staff().exists()
    client_for(owner).post("/company/edit/", _profile(company, description="Poprawiony opis."))

    company.refresh_from_db()
    renamed.refresh_from_db()
    assert company.description == "Poprawiony opis." and company.name == OLD_NAME
    assert renamed.status == "withdrawn"


def test_a_company_has_one_open_revision_at_most(company, owner):
    CompanyRevision.objects.create(company=company, author=owner, data={"name": "A"}, status="submitted")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyRevision.objects.create(company=company, author=owner, data={"name": "B"})
    CompanyRevision.objects.create(company=company, author=owner, data={"name": "C"}, status="rejected")


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get("/company/").status_code == 200
    return len(context.captured_queries)


def test_the_dashboard_costs_the_same_with_or_without_changes_and_however_many_were_made(
    client_for, owner, company, staff
):
    # The panel costs one query, the latest revision, whether there is one or not; its company is the dashboard's
    # own (no query), and the changes and logos it shows are read from the revision.
    client = client_for(owner)
    client.get("/company/")  # fills the per-process content-type cache, which is not per page
    none = _dashboard_queries(client)
    for _ in range(5):
        client.post("/company/edit/", {**_profile(company, name=NEW_NAME, description="Inny opis"), "logo": _upload()})
        CompanyRevision.objects.get(status="submitted").transition("reject", by=staff, reason="Nie.")
    client.post("/company/edit/", _profile(company, name=NEW_NAME))
    waiting = _dashboard_queries(client)

    assert waiting == none
    html = client.get("/company/").content.decode()
    assert NEW_NAME in html and CompanyRevision.objects.count() == 6
