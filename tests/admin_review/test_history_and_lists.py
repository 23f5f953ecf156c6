"""The change history (who, when, what changed) and the cost of the company list."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin_review.conftest import decide_url, make_companies

CHANGELIST = reverse("admin:partnerships_company_changelist")


def test_the_history_page_lists_who_changed_what(client_for, pending_company, staff):
    client = client_for(staff)
    client.post(decide_url(pending_company, "verify"), {"reason": "Wszystko się zgadza."})

    response = client.get(reverse("admin:partnerships_company_history", args=[pending_company.pk]))

    assert response.status_code == 200
    table = response.content.decode().split('id="change-history"', 1)[1].split("</table>", 1)[0]
    latest = table.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert str(staff) in latest  # who
    assert "pending" in latest and "verified" in latest  # what changed, from and to
    assert "Wszystko się zgadza." in latest


def _changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_the_company_list_costs_the_same_for_5_and_200_companies(client_for, staff):
    client = client_for(staff)
    make_companies(5)
    client.get(CHANGELIST)  # warm the content-type cache
    few = _changelist_queries(client)
    make_companies(195)
    many = _changelist_queries(client)

    # Session, user, permissions (user and group), filtered count, total count, the page of companies with their
    # assignees (one JOIN), the staff users for the "assigned to" filter: the same whatever the number of rows.
    assert few == many
