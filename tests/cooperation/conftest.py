import pytest
from django.urls import NoReverseMatch, reverse

from partnerships import emails
from partnerships.cooperation import CooperationForm
from partnerships.models import Company, Membership
from tests.factories import CompanyFactory, MembershipFactory


def link_moderators_to_admin_index_if_no_waiting_page(monkeypatch):
    """New-submission e-mails link to the admin's "waiting for staff" page. Where the admin that provides it is not
    installed, link them to the admin index instead, so a submission still e-mails the moderators."""
    try:
        reverse("admin:waiting")
    except NoReverseMatch:
        original = emails.send_new_submission

        def send_new_submission(obj, event):
            from django.conf import settings

            return emails.send(
                "new_submission",
                emails.moderators(),
                {"object": obj, "event": event, "url": settings.SITE_URL + reverse("admin:index")},
            )

        monkeypatch.setattr(emails, "send_new_submission", send_new_submission)
        return original
    return None


@pytest.fixture(autouse=True)
def _waiting_page_link(monkeypatch):
    link_moderators_to_admin_index_if_no_waiting_page(monkeypatch)


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
