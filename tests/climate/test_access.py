"""Who may see and do what with a company's climate reports: owner, colleague, another company's member, anonymous
visitor, staff. Everyone but the company's members learns nothing of a report (404); anonymous visitors sign in."""

import pytest
from django.core.files.base import ContentFile

from partnerships.climate.models import Evidence, Report
from tests.climate.conftest import YEAR, make_report

PEOPLE = ["owner", "colleague", "outsider", "anonymous", "staff"]


@pytest.fixture
def user_of(request):
    def get(who):
        return None if who == "anonymous" else request.getfixturevalue(who)

    return get


def _status(client, url, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


PAGES = {"owner": 200, "colleague": 200, "outsider": 404, "anonymous": "login", "staff": 404}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_a_reports_pages_are_for_its_companys_members(client_for, user_of, complete_draft, who, suffix):
    url = f"/company/climate/reports/{complete_draft.pk}/{suffix}"
    assert _status(client_for(user_of(who)), url) == PAGES[who]


CHANGES = {"owner": 302, "colleague": 302, "outsider": 404, "anonymous": "login", "staff": 404}


@pytest.mark.parametrize("who", PEOPLE)
def test_only_members_change_a_report(client_for, user_of, complete_draft, who):
    url = f"/company/climate/reports/{complete_draft.pk}/edit/"
    status = _status(client_for(user_of(who)), url, "post", {"electricity_quantity": "7", "save": ""})
    assert status == CHANGES[who]
    line = complete_draft.lines.get(activity="electricity")
    assert (str(line.quantity) == "7.000") is (CHANGES[who] == 302)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_members_submit_a_report(client_for, user_of, complete_draft, who):
    url = f"/company/climate/reports/{complete_draft.pk}/submit/"
    assert _status(client_for(user_of(who)), url, "post") == CHANGES[who]
    expected = "submitted" if CHANGES[who] == 302 else "draft"
    assert Report.objects.get(pk=complete_draft.pk).status == expected


EVIDENCE = {"owner": 200, "colleague": 200, "outsider": 404, "anonymous": "login", "staff": 200}


@pytest.mark.parametrize("who", PEOPLE)
def test_an_evidence_file_is_for_the_companys_members_and_staff(client_for, user_of, complete_draft, who):
    evidence = Evidence.objects.create(
        report=complete_draft,
        file=ContentFile(b"%PDF-1.4 faktura", name="faktura.pdf"),
        kind="pdf",
        original_name="faktura.pdf",
        size=16,
    )
    response = client_for(user_of(who)).get(evidence.get_absolute_url())
    status = (
        "login" if response.status_code == 302 and "/accounts/login/" in response["Location"] else response.status_code
    )
    assert status == EVIDENCE[who]
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 faktura"
        assert "attachment" in response["Content-Disposition"]


START = {"owner": 302, "colleague": 302, "outsider": 403, "anonymous": "login", "staff": 403}


@pytest.mark.parametrize("who", PEOPLE)
def test_members_of_a_signatory_start_its_report(client_for, user_of, signatory, outsider, who):
    # The outsider's company has not signed the pact; staff act for no company (403 with the reason).
    status = _status(client_for(user_of(who)), f"/company/climate/{YEAR}/start/", "post")
    if who == "outsider":
        assert status == 302  # told why on the list page, nothing started
        assert not Report.objects.exists()
        return
    assert status == START[who]
    assert Report.objects.filter(year=YEAR).exists() is (START[who] == 302)


def test_a_member_of_a_company_whose_verification_was_withdrawn_reads_but_does_not_change(
    client_for, complete_draft, owner, company
):
    company.status = "rejected"
    company.save()
    client = client_for(owner)
    assert client.get(complete_draft.get_absolute_url()).status_code == 200
    assert client.post(f"/company/climate/reports/{complete_draft.pk}/submit/").status_code == 403
    assert Report.objects.get(pk=complete_draft.pk).status == "draft"


def test_the_report_list_says_a_company_has_not_signed_the_pact(client_for, outsider):
    html = client_for(outsider).get("/company/climate/").content.decode()
    assert 'id="not-signatory"' in html
    assert "/start/" not in html


def test_the_report_list_offers_the_open_years(client_for, owner, signatory, company):
    make_report(company, year=YEAR - 1, status="approved")
    html = client_for(owner).get("/company/climate/").content.decode()
    assert f"/company/climate/{YEAR}/start/" in html
    assert f"/company/climate/{YEAR - 1}/start/" not in html
