"""CSV and XLSX export of companies, with the changelist's filters applied and a reference number on every row."""

import csv
import io

import openpyxl
from django.urls import reverse

from partnerships.models import Company
from tests.admin_review.conftest import make_companies

EXPORT = reverse("admin:partnerships_company_export")


def _export(client, file_format, query="", language="en"):
    # The export form lists CSV first (0) and XLSX second (1); the headers are in the staff member's language.
    client.cookies["django_language"] = language
    return client.post(f"{EXPORT}{query}", {"format": file_format, "resource": "0"})


def test_the_export_offers_csv_and_xlsx_only(client_for, staff):
    choices = client_for(staff).get(EXPORT).context["form"].fields["format"].choices

    assert [label for value, label in choices if value != ""] == ["csv", "xlsx"]


def test_the_csv_export_follows_the_list_filter_and_gives_reference_numbers(client_for, staff):
    pending = make_companies(2)
    make_companies(3, status=Company.Status.VERIFIED)

    response = _export(client_for(staff), "0", "?status__exact=pending")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["reference"] for row in rows) == sorted(c.reference() for c in pending)
    assert {row["NIP"] for row in rows} == {c.nip for c in pending}
    assert {row["status"] for row in rows} == {"Waiting for verification"}


def test_the_export_speaks_the_staff_members_language(client_for, staff):
    make_companies(1)

    response = _export(client_for(staff), "0", language="pl")

    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:3] == ["numer referencyjny", "nazwa", "NIP"]
    assert list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))[0]["status"] == (
        "Czeka na weryfikację"
    )


def test_the_xlsx_export_follows_the_search_and_gives_reference_numbers(client_for, staff):
    wanted = make_companies(1)[0]
    make_companies(2)

    response = _export(client_for(staff), "1", f"?q={wanted.nip}")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert header[0] == "reference"
    assert [(row[0], row[header.index("name")]) for row in rows] == [(wanted.reference(), wanted.name)]


def test_staff_outside_moderators_cannot_export(client_for, plain_staff):
    make_companies(1)

    response = _export(client_for(plain_staff), "0")

    assert response.status_code == 403
