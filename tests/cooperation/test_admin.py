import pytest
from django.core import mail
from django.utils import translation

from partnerships.cooperation.admin import ApplicationAdmin, ApplicationResource
from tests.cooperation.factories import PACT_ANSWERS, ApplicationFactory
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/partnerships/application/"


@pytest.fixture
def staff_client(client_for, staff):
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    return client


def test_staff_see_applications_with_reference_company_form_and_status(staff_client, company, pact):
    application = ApplicationFactory(company=company, form=pact, status="submitted")
    html = staff_client.get(CHANGELIST).content.decode()
    assert application.reference() in html
    assert "Zielona Energia sp. z o.o." in html
    assert "Waiting for review" in html


def test_staff_find_an_application_by_reference_or_nip(staff_client, company, pact):
    found = ApplicationFactory(company=company, form=pact)
    other = ApplicationFactory(company=CompanyFactory(name="Ktoś Inny"))
    by_reference = staff_client.get(CHANGELIST, {"q": found.reference()}).content.decode()
    assert f"/{found.pk}/change/" in by_reference
    assert f"/{other.pk}/change/" not in by_reference
    by_nip = staff_client.get(CHANGELIST, {"q": company.nip}).content.decode()
    assert f"/{found.pk}/change/" in by_nip
    assert f"/{other.pk}/change/" not in by_nip


def test_staff_read_the_answers_as_question_and_answer_and_cannot_change_them(staff_client, company, pact):
    application = ApplicationFactory(company=company, form=pact, answers=PACT_ANSWERS, status="submitted")
    html = staff_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()
    assert "Climate-neutrality target year" in html
    assert "Renewable energy, Employee mobility" in html
    assert 'name="answers"' not in html
    assert 'name="status"' not in html


def test_staff_ask_for_changes_on_the_decide_page_and_the_company_is_emailed(
    staff_client, company, owner, pact, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(company=company, form=pact, status="submitted")
    url = f"{CHANGELIST}{application.pk}/decide/request_changes/"
    assert 'id="decision-form"' in staff_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"reason": "Brakuje nazwiska sygnatariusza."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "changes_requested"
    assert application.decision_reason == "Brakuje nazwiska sygnatariusza."
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


def test_a_company_member_cannot_open_the_admin(client_for, owner, company):
    ApplicationFactory(company=company)
    response = client_for(owner).get(CHANGELIST)
    assert response.status_code == 302


def test_the_export_has_reference_company_nip_form_status_dates_and_reason(company, pact, staff):
    application = ApplicationFactory(company=company, form=pact, status="submitted")
    application.transition("reject", by=staff, reason="Poza zakresem.")
    with translation.override("en"):
        dataset = ApplicationResource().export()
    assert dataset.headers == [
        "reference",
        "company",
        "NIP",
        "cooperation form",
        "status",
        "submitted",
        "decided",
        "reason given to the company",
    ]
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["reference"] == application.reference()
    assert row["NIP"] == company.nip
    assert row["cooperation form"] == "Pakt dla klimatu"
    assert row["reason given to the company"] == "Poza zakresem."


def test_the_admin_exports_with_the_application_resource():
    assert ApplicationAdmin.resource_classes == [ApplicationResource]


def test_staff_edit_the_catalogue(staff_client, pact):
    response = staff_client.get(f"/admin/partnerships/cooperationform/{pact.pk}/change/")
    assert response.status_code == 200
    assert 'name="title_en"' in response.content.decode()
