"""The change history is for reading: a moderator cannot put an object back to an old version ("Revert"), which would
change its status with no review event."""

from django.urls import reverse

from partnerships.models import Company
from partnerships.review.models import ReviewEvent
from tests.admin_review.conftest import decide_url, form_data, refreshed_status


def _verified_with_history(client, company):
    client.post(decide_url(company, "verify"), {"reason": "Wszystko się zgadza."})
    assert refreshed_status(company) == Company.Status.VERIFIED
    return company.history.filter(status=Company.Status.PENDING).latest("history_date")  # the version from before


def _version_url(company, version):
    return reverse("admin:partnerships_company_simple_history", args=[company.pk, version.history_id])


def test_the_history_page_and_an_old_version_can_still_be_read(client_for, staff, pending_company):
    client = client_for(staff)
    old = _verified_with_history(client, pending_company)

    assert client.get(reverse("admin:partnerships_company_history", args=[pending_company.pk])).status_code == 200
    response = client.get(_version_url(pending_company, old))

    assert response.status_code == 200
    html = response.content.decode()
    assert pending_company.name in html
    assert 'name="_save"' not in html  # no "Revert" button


def test_posting_an_old_version_as_a_moderator_changes_nothing(client_for, staff, pending_company):
    client = client_for(staff)
    old = _verified_with_history(client, pending_company)
    page = client.get(_version_url(pending_company, old)).content.decode()
    data = form_data(page, "historicalcompany_form")  # the form is named after the history model
    assert data["name"] == [pending_company.name]
    data["_save"] = ["Revert"]
    versions, events = pending_company.history.count(), ReviewEvent.objects.count()

    response = client.post(_version_url(pending_company, old), data)

    assert response.status_code == 403
    assert refreshed_status(pending_company) == Company.Status.VERIFIED
    assert pending_company.history.count() == versions
    assert ReviewEvent.objects.count() == events
