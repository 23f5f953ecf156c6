import io

import pytest

from partnerships.cooperation import demo as demo_cooperation
from partnerships.cooperation.models import Application
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_the_demo_applications_are_created_once_for_the_companies_present():
    CompanyFactory(nip="9981045448", name="Columbus Energy")
    CompanyFactory(nip="9981001008", name="Aptiv Services Poland")
    demo_cooperation.seed(io.StringIO())
    demo_cooperation.seed(io.StringIO())
    assert sorted(Application.objects.values_list("status", flat=True)) == ["approved", "submitted"]
    approved = Application.objects.get(status="approved")
    assert [e.to_status for e in approved.review_history()] == ["submitted", "approved"]


def test_the_demo_skips_quietly_without_the_demo_companies():
    out = io.StringIO()
    demo_cooperation.seed(out)
    assert not Application.objects.exists()
    assert "0 created" in out.getvalue()
