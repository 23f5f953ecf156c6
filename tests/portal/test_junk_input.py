"""No input gives a 500: junk in every query parameter of the public lists and in every field of the public and
company forms.

The junk: nothing, 100,000 characters, a NUL byte (which PostgreSQL cannot store), numbers far beyond any column,
negative numbers and a date that does not exist. Every parameter and every field gets each of them, all at once and
one at a time. Posted all at once, junk must be refused and nothing saved; one junk field among valid values
may be a value the form accepts (an empty optional field, "-1" as a place), so there only the status is checked.
Each post runs in a savepoint that is rolled back afterwards, so that posts do not change what the next one meets.
URLs come from their names, so the test does not depend on where views live.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from initiatives.forms import ParticipationForm, RideForm
from initiatives.models import Participation, Ride
from partnerships.cooperation.models import Application, CooperationForm
from partnerships.cooperation.questions import form_class_for
from partnerships.forms import CompanyForm, InvitationForm, JoinRequestForm
from partnerships.models import Company, Invitation, JoinRequest, Membership
from portal.models import User
from practices.forms import PracticeForm, ProblemReportForm
from practices.models import EDITABLE_FIELDS, GoodPractice, PracticeRevision, ProblemReport
from tests.companies.helpers import company_data
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.initiatives.conftest import signup_data
from tests.initiatives.factories import BikeCampaignFactory, InitiativeFactory, ParticipationFactory
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory
from tests.practices.test_access import VALID as PRACTICE

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # what tests.factories.UserFactory sets

JUNK = {
    "empty": "",
    "100,000 characters": "x" * 100_000,
    "a NUL byte": "a\x00b",
    "10**30": str(10**30),
    "-10**30": str(-(10**30)),
    "-1": "-1",
    "0000-00-00": "0000-00-00",
    "month of year 0": "0000-01",
    "first day of year 1": "0001-01-01",
    "last day of year 9999": "9999-12-31",
    "NaN": "NaN",
    "1e400": "1e400",
    "format codes": "%s %(x)s {0} {x}",
}
# Junk that no field accepts (every form has a required field, a length limit and refuses NUL): a post of it in every
# field must save nothing. Numbers and dates are fine text, so a form of text fields may accept them.
REFUSED_EVERYWHERE = {"empty", "100,000 characters", "a NUL byte"}


class _Undo(Exception):
    """Raised to roll a post's savepoint back."""


def _request(client, method, url, data, state=None):
    """(status, what broke or None): what broke is the exception, or a note that something was saved."""
    try:
        with transaction.atomic():
            before = state() if state else None
            response = getattr(client, method)(url, data)
            changed = state is not None and state() != before
            result = (response.status_code, "saved the junk" if changed else None)
            raise _Undo
    except _Undo:
        return result
    except Exception as error:  # noqa: BLE001 - what a visitor would get as a 500, reported below
        return 500, repr(error)[:300]


def _describe(junk_name, fields):
    return f"{junk_name} in {', '.join(fields) if len(fields) < 4 else 'every field'}"


# Query parameters of the public lists.

PRACTICE_FILTERS = ["q", "category", "district", "sector", "year", "sort", "page"]
INITIATIVE_FILTERS = ["kind", "district", "month", "page"]
LISTS = {
    "practices:list": PRACTICE_FILTERS,
    "practices:catalogue": PRACTICE_FILTERS,
    "practices:feed": PRACTICE_FILTERS,
    "partnerships:partner_list": ["q", "sector", "district", "page"],
    "initiatives:list": INITIATIVE_FILTERS,
    "initiatives:past": INITIATIVE_FILTERS,
}


# 500s to leave out of the loops below while they wait for a fix (none now; the two found are fixed and tested at the
# end of this module).
REPORTED = set()


@pytest.mark.parametrize("name", list(LISTS))
def test_junk_in_the_query_of_a_public_list_never_gives_a_500(client, name, monkeypatch):
    from practices import catalogue

    monkeypatch.setattr(catalogue, "BUILDS_PER_HOUR", 1000)  # every selection is really built, none refused
    PublishedPracticeFactory(title="Zielony dach")
    InitiativeFactory(title="Sadzimy drzewa")
    InitiativeFactory(title="Sadziliśmy drzewa", start=timezone.now() - datetime.timedelta(days=30))
    params = LISTS[name]
    broken = []
    for junk_name, junk in JUNK.items():
        checked = [param for param in params if (name, param, junk_name) not in REPORTED]
        for query in [dict.fromkeys(checked, junk)] + [{param: junk} for param in checked]:
            status, error = _request(client, "get", reverse(name), query)
            if status >= 500:
                broken.append((_describe(junk_name, list(query)), status, error))
    assert broken == []


# Forms.


@dataclass
class Target:
    url: str
    fields: list
    state: object  # a function: what the form could save, compared before and after each post
    client: object = None  # a function giving a client as the right person; anonymous by default
    valid: dict = field(default_factory=dict)  # valid values, for one junk field at a time; none: all at once only

    def new_client(self):
        return self.client() if self.client else Client()


def _signed_in(user):
    def make():
        client = Client()
        client.force_login(user)
        return client

    return make


def _reauthenticated(user):
    """Signed in through the form and the password just confirmed again, as allauth asks before two-factor setup."""

    def make():
        client = Client()
        assert client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}).status_code == 302
        assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
        assert client.get(reverse("mfa_activate_totp")).status_code == 200
        return client

    return make


def _rows(model, **lookup):
    return lambda: list(model.objects.filter(**lookup).order_by("pk").values())


def _count(*models):
    return lambda: [model.objects.count() for model in models]


PHOTOS = {"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
          "photos-MAX_NUM_FORMS": "10"}
PRACTICE_FIELDS = [*EDITABLE_FIELDS, "consent", *PHOTOS]


def _owner_of_a_verified_company():
    company = CompanyFactory()
    return company, MembershipFactory(company=company, role=Membership.Role.OWNER).user


def _newcomer():
    return UserFactory()


def register():
    user = _newcomer()
    return Target(reverse("partnerships:register"), list(CompanyForm.base_fields), _count(Company, Membership),
                  _signed_in(user), valid=company_data())


def company_edit():
    company, owner = _owner_of_a_verified_company()
    fields = list(CompanyForm.base_fields)
    return Target(reverse("partnerships:edit"), fields, _rows(Company, pk=company.pk), _signed_in(owner),
                  valid=company_data(nip=company.nip))


def invite():
    _company, owner = _owner_of_a_verified_company()
    return Target(reverse("partnerships:invite"), list(InvitationForm.base_fields), _count(Invitation),
                  _signed_in(owner), valid={"email": "kolega@example.com"})


def join():
    other = CompanyFactory()
    return Target(reverse("partnerships:join"), list(JoinRequestForm.base_fields), _count(JoinRequest, Membership),
                  _signed_in(_newcomer()), valid={"nip": other.nip, "message": "Pracuję w dziale zakupów."})


def practice_new():
    _company, owner = _owner_of_a_verified_company()
    return Target(reverse("practices:new"), PRACTICE_FIELDS, _count(GoodPractice), _signed_in(owner),
                  valid={**PRACTICE, **PHOTOS})


def practice_edit():
    company, owner = _owner_of_a_verified_company()
    practice = PracticeFactory(company=company)
    return Target(reverse("practices:edit", args=[practice.pk]), PRACTICE_FIELDS, _rows(GoodPractice, pk=practice.pk),
                  _signed_in(owner), valid={**PRACTICE, **PHOTOS})


def published_practice_edit():
    company, owner = _owner_of_a_verified_company()
    practice = PublishedPracticeFactory(company=company)
    state = _count(PracticeRevision)
    return Target(reverse("practices:edit", args=[practice.pk]), list(PracticeForm.base_fields), state,
                  _signed_in(owner), valid=PRACTICE)


def problem_report():
    practice = PublishedPracticeFactory()
    return Target(reverse("practices:report", args=[practice.slug]), list(ProblemReportForm.base_fields),
                  _count(ProblemReport), valid={"message": "Link nie działa.", "email": "", "website": ""})


def initiative_sign_up():
    company, owner = _owner_of_a_verified_company()
    initiative = InitiativeFactory(capacity=10)
    fields = [*ParticipationForm.base_fields]
    return Target(reverse("initiatives:participate", args=[initiative.slug]), fields, _count(Participation),
                  _signed_in(owner), valid=signup_data())


def ride_logging():
    company, owner = _owner_of_a_verified_company()
    campaign = BikeCampaignFactory()
    ParticipationFactory(initiative=campaign, company=company)
    valid = {"date": timezone.localdate().isoformat(), "km": "7.5"}
    return Target(reverse("initiatives:rides", args=[campaign.slug]), list(RideForm.base_fields), _count(Ride),
                  _signed_in(owner), valid=valid)


def application_edit():
    company, owner = _owner_of_a_verified_company()
    form = CooperationForm.objects.get(kind=CooperationForm.Kind.PACT)
    application = Application.objects.create(company=company, form=form, answers=ANSWERS[form.kind], created_by=owner)
    fields = [*form_class_for(form.kind).base_fields, "submit"]
    return Target(reverse("cooperation:application_edit", args=[application.pk]), fields,
                  _rows(Application, pk=application.pk), _signed_in(owner), valid=ANSWERS[form.kind])


def email_change():
    user = _newcomer()
    state = _count(EmailAddress)
    return Target(reverse("account_email"), ["email", "action_add"], state, _signed_in(user),
                  valid={"email": "nowy@example.com", "action_add": ""})


def password_change():
    user = _newcomer()
    return Target(reverse("account_change_password"), ["oldpassword", "password1", "password2"],
                  _rows(User, pk=user.pk), _signed_in(user))


def account_delete():
    user = _newcomer()
    return Target(reverse("account_delete"), ["confirm", "password"], _count(User), _signed_in(user))


def language():
    user = _newcomer()
    return Target(reverse("set_language"), ["language", "next"], _rows(User, pk=user.pk), _signed_in(user),
                  valid={"language": "en", "next": "/"})


def two_factor():
    user = _newcomer()
    return Target(reverse("mfa_activate_totp"), ["code"], _count(Authenticator), _reauthenticated(user))


def sign_in():
    user = _newcomer()
    return Target(reverse("account_login"), ["login", "password", "remember"], _rows(User, pk=user.pk),
                  valid={"login": user.email, "password": "wrong-password", "remember": ""})


def sign_up():
    state = _count(User, EmailAddress)
    return Target(reverse("account_signup"), ["email", "password1", "password2", "privacy_consent"], state)


def password_reset():
    return Target(reverse("account_reset_password"), ["email"], lambda: len(mail.outbox),
                  valid={"email": "ktos@example.com"})


FORMS = {
    "company registration": register,
    "company edit": company_edit,
    "invitation": invite,
    "request to join": join,
    "new practice": practice_new,
    "draft practice edit": practice_edit,
    "published practice edit": published_practice_edit,
    "problem report": problem_report,
    "initiative sign-up": initiative_sign_up,
    "ride logging": ride_logging,
    "application edit": application_edit,
    "account e-mail": email_change,
    "account password": password_change,
    "account deletion": account_delete,
    "account language": language,
    "account two-factor": two_factor,
    "sign-in": sign_in,
    "sign-up": sign_up,
    "password reset": password_reset,
}


def _post_junk(target):
    """Every junk value in every field at once (nothing may be saved), then in one field at a time."""
    client = target.new_client()  # one for all posts: each post's changes, the session's too, are rolled back
    broken = []
    for junk_name, junk in JUNK.items():
        data = {**dict.fromkeys(target.fields, junk)}
        state = target.state if junk_name in REFUSED_EVERYWHERE else None
        status, error = _request(client, "post", target.url, data, state)
        if status >= 500 or error:
            broken.append((_describe(junk_name, target.fields), status, error))
        if not target.valid:
            continue
        for name in target.fields:
            data = {**target.valid, name: junk}
            status, error = _request(client, "post", target.url, data)
            if status >= 500:
                broken.append((_describe(junk_name, [name]), status, error))
    return broken


@pytest.mark.parametrize("name", list(FORMS))
def test_junk_in_a_form_never_gives_a_500_and_is_not_saved(name):
    target = FORMS[name]()
    assert _post_junk(target) == []


# Every cooperation form: valid answers for each kind of questions, then junk in them.

ANSWERS = {
    CooperationForm.Kind.PACT: {"commitments": ["renewable_energy"], "target_year": "2040", "baseline": "12.5",
                                "signatory_name": "Anna Nowak", "signatory_role": "Prezeska"},
    CooperationForm.Kind.ADVISORY: {"expert_name": "Jan Kowalski", "expert_role": "Inżynier",
                                    "expert_email": "jan@example.com", "expertise": "Energetyka", "bio": "Krótko."},
    CooperationForm.Kind.ATELIER: {"challenge": "air", "offer": "Czujniki jakości powietrza."},
    CooperationForm.Kind.BIKE: {"campaign": "rowerowy_maj", "coordinator_name": "Ewa", "coordinator_email":
                                "ewa@example.com", "expected_riders": "20"},
    CooperationForm.Kind.GREENING: {"action_kind": "garden", "volunteers": "12", "district": "01"},
    CooperationForm.Kind.CAMPAIGN: {"practice": "Rowery służbowe.", "consent": "on"},
    CooperationForm.Kind.TRAINING: {"topic": "Oszczędzanie energii", "preferred_dates": "marzec",
                                    "participants": "15"},
    CooperationForm.Kind.SPEAKER: {"event": "Dzień Ziemi", "event_date": "2030-04-22", "audience": "80",
                                   "topic": ""},
    CooperationForm.Kind.NGO: {"partner_kind": "food_bank", "topic": "Nadwyżki z kantyny."},
    CooperationForm.Kind.FUNDING: {"support": "loan", "topic": "Pompy ciepła."},
    CooperationForm.Kind.COMMUNICATION: {"topic": "Wspólny wpis", "details": "O rowerach.", "audience": ""},
}


def test_junk_in_the_application_of_every_cooperation_form_never_gives_a_500_and_is_not_saved():
    forms = list(CooperationForm.objects.active())
    assert len({form.kind for form in forms}) == len(CooperationForm.Kind)  # the catalogue migration made them
    broken = []
    for form in forms:
        company, owner = _owner_of_a_verified_company()
        fields = [*form_class_for(form.kind).base_fields, "submit"]
        target = Target(reverse("cooperation:apply", args=[form.slug]), fields, _count(Application),
                        _signed_in(owner), valid=ANSWERS[form.kind])
        status, _error = _request(target.new_client(), "get", target.url, {})
        assert status == 200, form.slug
        broken += [(form.slug, *failure) for failure in _post_junk(target)]
    assert broken == []


# Junk in the path: only <str:…> segments let any text through to a view (slugs and numbers are matched first).

PATHS = {
    "partnerships:invitation": ["token"],
    "practices:action": [1, "action"],
    "partnerships:decide_join_request": [1, "decision"],
}
PATH_REPORTED = set()


@pytest.mark.parametrize("name", list(PATHS))
def test_junk_in_the_path_never_gives_a_500(client_for, owner, name):
    client = client_for(owner)
    broken = []
    for junk_name, junk in JUNK.items():
        if not junk or (name, junk_name) in PATH_REPORTED:
            continue
        url = reverse(name, args=PATHS[name]).replace(PATHS[name][-1], quote(junk, safe=""))
        for method in ("get", "post"):
            status, error = _request(client, method, url, {})
            if status >= 500:
                broken.append((f"{junk_name} in the path, {method}", status, error))
    assert broken == []


# Two 500s found by the loops above, each fixed and kept as a test of its own.


def test_a_partner_search_of_100000_characters_is_not_a_500(client):
    CompanyFactory()  # with no partner at all, SQLite never reads the pattern
    status, error = _request(client, "get", reverse("partnerships:partner_list"), {"q": JUNK["100,000 characters"]})
    assert status < 500, error


def test_an_invitation_link_with_a_nul_byte_is_not_a_500(client):
    status, error = _request(client, "get", reverse("partnerships:invitation", args=["a\x00b"]), {})
    assert status < 500, error
