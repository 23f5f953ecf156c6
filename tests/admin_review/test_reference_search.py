"""Reference numbers come from one place, and staff find any reviewed object in the admin by its reference."""

import pytest
from django.urls import reverse

from initiatives.models import Participation
from partnerships.cooperation.models import Application
from partnerships.models import Company, CompanyRevision
from practices.models import GoodPractice, PracticeRevision, ProblemReport
from tests.cooperation.factories import ApplicationFactory
from tests.factories import CompanyFactory
from tests.initiatives.factories import ParticipationFactory
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory


def _company():
    return CompanyFactory()


def _company_revision():
    return CompanyRevision.objects.create(company=CompanyFactory(), data={"name": "Nowa nazwa"})


def _application():
    return ApplicationFactory()


def _practice():
    return PracticeFactory()


def _revision():
    return PracticeRevision.objects.create(practice=PublishedPracticeFactory(), data={"title": "Nowy tytuł"})


def _participation():
    return ParticipationFactory()


def _report():
    return ProblemReport.objects.create(practice=PublishedPracticeFactory(), message="Nieaktualny link")


CASES = [
    (Company, _company, "FIR"),
    (CompanyRevision, _company_revision, "FIRE"),
    (Application, _application, "WSP"),
    (GoodPractice, _practice, "DP"),
    (PracticeRevision, _revision, "DPE"),
    (Participation, _participation, "INI"),
    (ProblemReport, _report, "ZGL"),
]


@pytest.mark.parametrize(("model", "make", "prefix"), CASES)
def test_every_reference_is_the_models_prefix_and_the_padded_number(db, model, make, prefix):
    obj = make()
    assert obj.reference() == f"{prefix}-{obj.pk:05d}"
    assert model.pk_from_reference(obj.reference()) == obj.pk
    assert model.pk_from_reference(f" {prefix.lower()}-{obj.pk} ") == obj.pk
    assert model.pk_from_reference("Zielona Energia") is None


@pytest.mark.parametrize(("model", "make", "prefix"), CASES)
def test_the_admin_search_finds_an_object_by_its_reference(client_for, superuser, model, make, prefix):
    obj = make()
    make()  # another one, which the search must leave out
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    response = client_for(superuser).get(url, {"q": obj.reference()})

    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [obj.pk]
