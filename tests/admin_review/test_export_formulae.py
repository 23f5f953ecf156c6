"""A company's own text never runs as a spreadsheet formula in staff exports: CSV and XLSX from the admin, and the
participants CSV of initiatives. Numbers, dates and empty cells stay what they are."""

import csv
import datetime
import io

import openpyxl
import pytest
from django import forms
from django.urls import reverse

from partnerships.models import Company
from portal.lib.spreadsheets import escape_formula
from tests.factories import CompanyFactory
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory

HYPERLINK = '=HYPERLINK("http://x","y")'
COMPANY_EXPORT = reverse("admin:partnerships_company_export")
PARTICIPATION_EXPORT = reverse("admin:initiatives_participation_export")


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("=" + HYPERLINK, "'=" + HYPERLINK),
        ("+1+2", "'+1+2"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("Zielona Energia", "Zielona Energia"),
        ("a=b", "a=b"),
        ("", ""),
        (None, None),
        (-5, -5),
    ],
)
def test_text_that_would_start_a_formula_gets_an_apostrophe(value, escaped):
    assert escape_formula(value) == escaped


def test_in_a_workbook_only_what_starts_with_an_equals_sign_is_a_formula():
    assert escape_formula(HYPERLINK, starts=("=",)) == "'" + HYPERLINK
    assert escape_formula("+48 12 000 00 00", starts=("=",)) == "+48 12 000 00 00"


@pytest.fixture
def staff_client(client_for, staff):
    client = client_for(staff)
    client.cookies["django_language"] = "en"  # the column names are translated
    return client


def _export(client, url, file_format):
    form = client.get(url).context["form"]
    (value,) = [value for value, label in form.fields["format"].choices if label == file_format]
    # Where staff choose the columns (participations), every column.
    columns = {name: "on" for name, field in form.fields.items() if isinstance(field, forms.BooleanField)}
    response = client.post(url, {"format": value, "resource": "0", **columns})
    assert response.status_code == 200
    return response


def _csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response):
    header, *rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows()
    return [{title.value: cell for title, cell in zip(header, row, strict=True)} for row in rows]


def test_the_company_csv_export_escapes_formulae(staff_client):
    for name in (HYPERLINK, "+1+2", "-1+2", "@SUM(1+1)", "Zielona Energia"):
        CompanyFactory(name=name)

    names = {row["name"] for row in _csv_rows(_export(staff_client, COMPANY_EXPORT, "csv"))}

    assert names == {"'" + HYPERLINK, "'+1+2", "'-1+2", "'@SUM(1+1)", "Zielona Energia"}


def test_the_company_xlsx_export_has_no_formula_cells(staff_client):
    CompanyFactory(name=HYPERLINK, status=Company.Status.PENDING)
    CompanyFactory(name="=" + HYPERLINK, status=Company.Status.PENDING)  # a single leading "=" removed is still one

    rows = _xlsx_rows(_export(staff_client, COMPANY_EXPORT, "xlsx"))

    cells = [row["name"] for row in rows]
    assert {cell.value for cell in cells} == {"'" + HYPERLINK, "'=" + HYPERLINK}
    assert {cell.data_type for cell in cells} == {"s"}


def test_the_xlsx_export_keeps_dates_and_empty_cells(staff_client):
    CompanyFactory(name=HYPERLINK, status=Company.Status.PENDING, decided_at=None)

    (row,) = _xlsx_rows(_export(staff_client, COMPANY_EXPORT, "xlsx"))

    assert isinstance(row["submitted"].value, datetime.datetime)
    assert row["decided"].value is None


@pytest.fixture
def participation(db):
    return ParticipationFactory(company=CompanyFactory(name=HYPERLINK), contact_phone="+48 12 000 00 00")


def test_the_participations_xlsx_export_has_no_formula_cells_and_keeps_phone_numbers(staff_client, participation):
    (row,) = _xlsx_rows(_export(staff_client, PARTICIPATION_EXPORT, "xlsx"))

    assert (row["company"].value, row["company"].data_type) == ("'" + HYPERLINK, "s")
    assert row["contact phone"].value == "+48 12 000 00 00"
    assert row["number of participants"].value == 2


def test_the_participations_csv_export_escapes_formulae(staff_client, participation):
    (row,) = _csv_rows(_export(staff_client, PARTICIPATION_EXPORT, "csv"))

    assert row["company"] == "'" + HYPERLINK
    assert row["contact phone"] == "'+48 12 000 00 00"


def test_the_initiatives_participants_csv_escapes_formulae(staff_client):
    initiative = InitiativeFactory()
    ParticipationFactory(initiative=initiative, company=CompanyFactory(name=HYPERLINK), contact_name="@SUM(1+1)")
    data = {"action": "export_participants", "_selected_action": [initiative.pk]}

    response = staff_client.post(reverse("admin:initiatives_initiative_changelist"), data)

    (row,) = _csv_rows(response)
    assert row["company"] == "'" + HYPERLINK
    assert row["contact person"] == "'@SUM(1+1)"
    assert row["number of participants"] == "2"


def test_participations_export_as_csv_and_xlsx_only(staff_client):
    form = staff_client.get(PARTICIPATION_EXPORT).context["form"]
    assert [label for value, label in form.fields["format"].choices if value != ""] == ["csv", "xlsx"]
