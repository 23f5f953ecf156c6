import pytest

from partnerships.cooperation.models import CooperationForm
from partnerships.models import Company, Membership
from tests.factories import CompanyFactory, MembershipFactory


@pytest.fixture
def pact(db):
    """The Climate Pact as the catalogue migration created it."""
    return CooperationForm.objects.get(slug="pakt-dla-klimatu")


@pytest.fixture
def pending_member(db):
    company = CompanyFactory(name="Czeka Sp. z o.o.", status=Company.Status.PENDING)
    return MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="pending@example.com").user


@pytest.fixture
def rejected_member(db):
    company = CompanyFactory(name="Odrzucona Sp. z o.o.", status=Company.Status.REJECTED)
    return MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="rejected@example.com").user
