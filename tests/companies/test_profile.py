from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import Company
from partnerships.review.models import ReviewEvent
from tests.companies.helpers import company_data, valid_nip
from tests.factories import png_bytes


def _data(company, **overrides):
    return company_data(nip=company.nip, name=company.name, **overrides)


def _pending(company):
    company.status = Company.Status.PENDING
    company.save()
    return company


# A company not yet verified is not public: its owner's edits apply at once. (A verified company's changes wait for
# review: tests/companies/test_profile_review.py.)
def test_the_owner_edits_the_profile_of_a_company_waiting_for_verification(client_for, owner, company):
    _pending(company)
    response = client_for(owner).post("/company/edit/", _data(company, description="Nowy opis firmy."), follow=True)
    assert "The company&#x27;s profile is saved." in response.content.decode()
    company.refresh_from_db()
    assert company.description == "Nowy opis firmy."


def test_the_nip_of_a_verified_company_cannot_change(client_for, owner, company):
    old = company.nip
    client_for(owner).post("/company/edit/", _data(company) | {"nip": valid_nip("777000222")})
    company.refresh_from_db()
    assert company.nip == old


def test_the_nip_of_a_pending_company_can_be_corrected(client_for, owner, company):
    company.status = Company.Status.PENDING
    company.save()
    new = valid_nip("777000222")
    client_for(owner).post("/company/edit/", _data(company) | {"nip": new})
    company.refresh_from_db()
    assert company.nip == new


def test_the_owner_replaces_and_removes_the_logo_of_a_company_waiting_for_verification(client_for, owner, company):
    _pending(company)
    client = client_for(owner)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    client.post("/company/edit/", {**_data(company), "logo": logo})
    company.refresh_from_db()
    assert company.logo and company.logo_thumbnail
    client.post("/company/edit/", {**_data(company), "logo-clear": "on"})
    company.refresh_from_db()
    assert not company.logo and not company.logo_thumbnail


def test_a_bad_logo_on_edit_changes_nothing(client_for, owner, company):
    bad = SimpleUploadedFile("logo.png", b"not a picture", content_type="image/png")
    response = client_for(owner).post("/company/edit/", {**_data(company, description="Zmiana"), "logo": bad})
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    company.refresh_from_db()
    assert company.description != "Zmiana" and not company.logo


def _rejected(company, staff):
    company.status = Company.Status.PENDING
    company.save()
    company.transition("reject", by=staff, reason="Brakuje adresu strony internetowej.")
    return company


def test_the_dashboard_shows_the_staff_reason_after_rejection(client_for, owner, company, staff):
    _rejected(company, staff)
    html = client_for(owner).get("/company/").content.decode()
    assert "Brakuje adresu strony internetowej." in html
    assert "Make the changes and send again" in html


def test_the_owner_corrects_and_sends_again_after_rejection(client_for, owner, company, staff):
    _rejected(company, staff)
    response = client_for(owner).post(
        "/company/edit/", {**_data(company, website="https://zielona.example.pl"), "resubmit": "1"}, follow=True
    )
    assert "sent to the city&#x27;s staff for verification again" in response.content.decode()
    company.refresh_from_db()
    assert company.status == Company.Status.PENDING
    assert company.website == "https://zielona.example.pl"
    assert [e.action for e in ReviewEvent.objects.for_object(company)] == ["reject", "resubmit"]


def test_the_owner_resends_from_the_dashboard(client_for, owner, company, staff):
    _rejected(company, staff)
    client_for(owner).post("/company/resubmit/")
    company.refresh_from_db()
    assert company.status == Company.Status.PENDING


def test_a_colleague_cannot_resend_a_rejected_company(client_for, owner, colleague, company, staff):
    _rejected(company, staff)
    assert client_for(colleague).post("/company/resubmit/").status_code == 403
    company.refresh_from_db()
    assert company.status == Company.Status.REJECTED


def test_the_dashboard_shows_the_review_history(client_for, owner, company, staff):
    _rejected(company, staff)
    html = client_for(owner).get("/company/").content.decode()
    assert "Review history" in html and "Reject" in html


def test_the_dashboard_shows_the_applications_practices_and_initiatives_panels(client_for, owner):
    html = client_for(owner).get("/company/").content.decode()
    assert 'aria-labelledby="applications-heading"' in html
    assert 'aria-labelledby="practices-panel-title"' in html
    assert 'aria-labelledby="initiatives-panel-heading"' in html
