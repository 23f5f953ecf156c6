"""Filing a report through its pages: drafts at any point, what is missing, submission, last year's figures."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from partnerships.climate.models import Evidence, Report
from tests.climate.conftest import YEAR, make_report
from tests.factories import png_bytes


def pdf_bytes(pages=1, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


COMPLETE_POST = {
    "electricity_quantity": "120000",
    "electricity_quality": "measured",
    "renewable_kwh": "30000",
    "renewable_instrument": "contract",
    "natural_gas_quantity": "20000,5",  # a Polish decimal comma
    "natural_gas_quality": "measured",
    "employees_quantity": "40",
    "employees_quality": "measured",
    "floor_area_quantity": "1500",
    "floor_area_quality": "calculated",
    "commitment_renewable_energy_status": "on_track",
    "commitment_mobility_status": "delayed",
    "commitment_mobility_explanation": "Samochody elektryczne dostarczono z opóźnieniem.",
    "declared": "on",
}


def _edit_url(report):
    return f"/company/climate/reports/{report.pk}/edit/"


def test_starting_a_report_opens_its_form(client_for, owner, signatory):
    response = client_for(owner).post(f"/company/climate/{YEAR}/start/")
    report = Report.objects.get(year=YEAR)
    assert response["Location"] == _edit_url(report)
    assert report.created_by == owner


def test_a_draft_saves_incomplete_and_says_what_is_missing(client_for, owner, draft):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(_edit_url(draft), {"natural_gas_quantity": "10", "save": ""}, follow=True)
    html = response.content.decode()
    assert "Your changes are saved as a draft." in html
    assert 'id="report-missing"' in html
    assert "Electricity bought: give the amount (zero if none)." in html
    assert draft.lines.get(activity="natural_gas").quantity == Decimal("10.000")


def test_the_form_in_polish_lists_what_is_missing_in_polish(client_for, owner, draft):
    html = client_for(owner).get(_edit_url(draft)).content.decode()
    assert "Zanim wyślesz" in html


def test_a_complete_report_is_submitted_from_the_form(client_for, owner, draft, mailoutbox, staff):
    response = client_for(owner).post(_edit_url(draft), {**COMPLETE_POST, "submit": ""})
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.declared_by == owner
    # 20 000.5 kWh × 0.202 = 4040.101 kg; 120 000 × 0.597 = 71 640 kg; (120 000 − 30 000) × 0.752 = 67 680 kg
    assert (draft.scope1_t, draft.scope2_location_t, draft.scope2_market_t) == (
        Decimal("4.040"),
        Decimal("71.640"),
        Decimal("67.680"),
    )
    assert [m.to for m in mailoutbox] == [[staff.email]]  # the Moderators hear of it


def test_submitting_an_incomplete_report_saves_it_and_says_why_it_was_not_sent(client_for, owner, draft):
    data = {**COMPLETE_POST, "natural_gas_quantity": "20000.5", "commitment_mobility_explanation": "", "submit": ""}
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(_edit_url(draft), data, follow=True)
    html = response.content.decode()
    assert "Your changes are saved, but the report was not sent." in html
    assert "explain why it is not on track" in html
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.lines.count() == 4


@pytest.mark.parametrize("bad", ["-5", "abc", "1" * 40])
def test_a_bad_amount_is_refused_with_a_message_and_keeps_what_was_typed(client_for, owner, draft, bad):
    response = client_for(owner).post(_edit_url(draft), {**COMPLETE_POST, "diesel_quantity": bad, "save": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'value="Samochody' not in html  # textarea content, not an attribute
    assert "Samochody elektryczne dostarczono z opóźnieniem." in html
    assert not draft.lines.exists()


def test_an_overlong_explanation_is_refused(client_for, owner, draft):
    data = {**COMPLETE_POST, "commitment_mobility_explanation": "x" * 2001, "save": ""}
    assert client_for(owner).post(_edit_url(draft), data).status_code == 200
    assert not draft.progress.exists()


def test_the_form_copies_last_years_activity_data(client_for, owner, signatory, company):
    make_report(company, year=YEAR - 1, status="approved")
    report = make_report(company, complete=False)
    client = client_for(owner)
    html = client.get(_edit_url(report)).content.decode()
    assert 'id="copy-previous"' in html
    client.post(f"/company/climate/reports/{report.pk}/copy-previous/")
    assert report.lines.get(activity="diesel").quantity == Decimal("1000.000")


def test_a_submitted_report_cannot_be_edited(client_for, owner, submitted):
    response = client_for(owner).post(_edit_url(submitted), {**COMPLETE_POST, "save": ""})
    assert response["Location"] == submitted.get_absolute_url()
    assert submitted.lines.get(activity="electricity").quantity == Decimal("100000.000")


def test_a_verified_report_offers_a_correction(client_for, owner, submitted, staff):
    submitted.transition("approve", by=staff)
    client = client_for(owner)
    assert "/correct/" in client.get(submitted.get_absolute_url()).content.decode()
    response = client.post(f"/company/climate/reports/{submitted.pk}/correct/")
    correction = Report.objects.get(previous=submitted)
    assert response["Location"] == _edit_url(correction)


# Evidence ----------------------------------------------------------------------------------------------------


def _upload(client, report, name, content, activity="electricity"):
    file = SimpleUploadedFile(name, content)
    return client.post(f"/company/climate/reports/{report.pk}/evidence/", {"file": file, "activity": activity})


def test_a_pdf_is_attached_as_sent(client_for, owner, draft):
    content = pdf_bytes()
    _upload(client_for(owner), draft, "faktura.pdf", content)
    evidence = Evidence.objects.get(report=draft)
    assert (evidence.kind, evidence.original_name, evidence.activity) == ("pdf", "faktura.pdf", "electricity")
    with evidence.file.open("rb") as stored:
        assert stored.read() == content
    assert "faktura.pdf" in evidence.file.name and evidence.file.name != "faktura.pdf"


def test_a_picture_is_attached_re_encoded(client_for, owner, draft):
    _upload(client_for(owner), draft, "licznik.png", png_bytes())
    assert Evidence.objects.get(report=draft).kind == "image"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notatka.txt", b"just text", "Please send a PDF document or a JPEG, PNG or WebP picture."),
        ("zepsuty.pdf", b"%PDF-1.4 not really a pdf", "The PDF is damaged or incomplete and cannot be read."),
        ("tajny.pdf", None, "The PDF is protected by a password; please send it without one."),
    ],
)
def test_a_file_that_is_not_a_readable_pdf_or_picture_is_refused(client_for, owner, draft, name, content, message):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    content = content if content is not None else pdf_bytes(password="sekret")
    response = _upload(client, draft, name, content)
    html = client.get(response["Location"]).content.decode()
    assert message in html
    assert not Evidence.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client_for, owner, draft, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    _upload(client_for(owner), draft, "duzy.pdf", pdf_bytes() + b" " * 2000)
    assert not Evidence.objects.exists()


def test_a_report_carries_a_bounded_number_of_files(client_for, owner, draft, settings):
    settings.CLIMATE_EVIDENCE_MAX_FILES = 2
    client = client_for(owner)
    for number in range(3):
        _upload(client, draft, f"plik{number}.pdf", pdf_bytes())
    assert Evidence.objects.filter(report=draft).count() == 2


def test_a_file_is_removed_from_a_draft(client_for, owner, draft, django_capture_on_commit_callbacks):
    client = client_for(owner)
    _upload(client, draft, "faktura.pdf", pdf_bytes())
    evidence = Evidence.objects.get()
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/company/climate/reports/{draft.pk}/evidence/{evidence.pk}/delete/")
    assert not Evidence.objects.exists()
    assert not storage.exists(name)
