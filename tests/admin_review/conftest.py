"""People and things the staff-side tests share, on top of tests/conftest.py."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Company
from partnerships.review.models import ReasonTemplate
from tests.factories import CompanyFactory, StaffFactory, UserFactory


@pytest.fixture
def pending_company(company, owner, colleague):
    """The owner's company, registered and waiting for verification, with its two members."""
    company.status = Company.Status.PENDING
    company.submitted_at = timezone.now() - timedelta(days=2)
    company.save()
    return company


@pytest.fixture
def plain_staff(db):
    """Staff, but outside the Moderators group and without any permission."""
    return StaffFactory(email="plain-staff@example.com", moderator=False)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def reason_template(db):
    return ReasonTemplate.objects.create(
        title="Brak dokumentów", text="Prosimy o uzupełnienie danych rejestrowych.", action="reject"
    )


def make_companies(count, status=Company.Status.PENDING):
    return [CompanyFactory(status=status) for _ in range(count)]


def decide_url(company, action):
    return reverse("admin:partnerships_company_decide", args=[company.pk, action])


def change_url(company):
    return reverse("admin:partnerships_company_change", args=[company.pk])


def refreshed_status(company):
    return Company.objects.get(pk=company.pk).status


class _FormReader(HTMLParser):
    """Collects what a browser would submit from one form: inputs, checked boxes, selected options, textareas."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None
        self._textarea_text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._textarea_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, "".join(self._textarea_text).lstrip("\n")))
            self._textarea = None


def form_data(html, form_id):
    """The form `form_id` of `html` as a dict of lists, ready to change and POST."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data
