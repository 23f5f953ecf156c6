"""What the portal holds about a person, for the RODO data download, and what deleting the account does.

`collect()` and `delete_account()` call each app's own functions for what that app keeps about the person, by name:
the portal sits on top of the apps and may import them. What no single app owns is done here: the account and its
allauth rows (addresses, two-factor authentication, sessions), the change history kept by django-simple-history for
several apps, and the admin's log. The privacy notice (templates/portal/privacy.html) describes the same rules.
"""

from datetime import UTC, datetime

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext
from post_office.models import Email
from simple_history.models import HistoricalChanges

from initiatives import models as initiatives
from partnerships import models as partnerships
from partnerships import services
from partnerships.announcements import models as announcements
from partnerships.climate import models as climate
from partnerships.cooperation import models as cooperation
from partnerships.models import Company
from partnerships.review import models as review
from partnerships.review.models import Referenced
from portal.lib.personal import Person
from portal.news import models as news
from practices import catalogue
from practices import models as practices


def collect(user):
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": _isoformat(user.last_login),
            "privacy_accepted_at": _isoformat(user.privacy_accepted_at),
            "staff": user.is_staff,
            "groups": list(user.groups.order_by("name").values_list("name", flat=True)),
            "email_addresses": list(user.emailaddress_set.order_by("pk").values("email", "verified", "primary")),
            "two_factor_authentication": _authenticators(user),
            "sessions": _sessions(user),
        },
        "security_log": _security_log(),
        "company": partnerships.personal_data(user),
        "cooperation_applications": cooperation.personal_data(user),
        "climate_reports": climate.personal_data(user),
        "good_practices": practices.personal_data(user),
        "initiatives": initiatives.personal_data(user),
        "review": review.personal_data(user),
        "announcements": announcements.personal_data(user),
        "news_you_wrote": news.personal_data(user),
        "changes_you_made": _history_made_by(user),
        "emails_to_you": _emails_to(Person.of(user)),
    }


def _to_any_of(addresses):
    """The queued and sent e-mails addressed to one of `addresses` (each message of the portal has one recipient)."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(to__icontains=address)
    return Email.objects.filter(query)


def _emails_to(person):
    """The e-mails the portal queued for the person, kept for MAIL_RETENTION_DAYS (the privacy notice)."""
    return [
        {"subject": email.subject, "status": email.get_status_display(), "queued": _isoformat(email.created)}
        for email in _to_any_of(person.addresses).order_by("pk")
    ]


def _isoformat(moment):
    return moment.isoformat() if moment else None


def _authenticators(user):
    """That an authenticator exists, of which kind and when it was used: never its data, which holds the secrets."""
    return [
        {"type": a.type, "created": _isoformat(a.created_at), "last_used": _isoformat(a.last_used_at)}
        for a in Authenticator.objects.filter(user=user).order_by("pk")
    ]


def _user_sessions(user_id, sessions):
    """The sessions signed in as `user_id`. The database keeps sessions by key, not by user, so each is read."""
    for session in sessions.iterator():
        data = session.get_decoded()
        if data.get(SESSION_KEY) == str(user_id):
            yield session, data


def _sessions(user):
    """The person's open sessions: when each ends and how they signed in. The session key is a password in all but
    name and is never included."""
    open_sessions = Session.objects.filter(expire_date__gt=timezone.now()).order_by("expire_date")
    return [
        {
            "expires": session.expire_date.isoformat(),
            "signed_in_with": [
                {"method": record.get("method"), "at": datetime.fromtimestamp(record["at"], UTC).isoformat()}
                for record in data.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
                if "at" in record
            ],
        }
        for session, data in _user_sessions(user.pk, open_sessions)
    ]


def _security_log():
    days = settings.SECURITY_LOG_RETENTION_DAYS
    return {
        "stored_in_the_database": False,
        "retention_days": days,
        "explanation": ngettext(
            "Sign-ins, sign-outs, failed sign-ins and refused access are written to the server's log with the e-mail "
            "address, the IP address and the page, not to the portal's database, so they are not part of this file. "
            "The server's log is kept for %(days)d day. The data protection officer (%(dpo)s) can give you your "
            "entries.",
            "Sign-ins, sign-outs, failed sign-ins and refused access are written to the server's log with the e-mail "
            "address, the IP address and the page, not to the portal's database, so they are not part of this file. "
            "The server's log is kept for %(days)d days. The data protection officer (%(dpo)s) can give you your "
            "entries.",
            days,
        )
        % {"days": days, "dpo": settings.DPO_EMAIL},
    }


def _history_models():
    """Every model's history of changes (django-simple-history), whichever app it belongs to."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def _history_made_by(user):
    """When the person changed what: which kind of row, its reference or number, created, changed or deleted."""
    rows = []
    for model in _history_models():
        original = model.instance_type
        for row in model.objects.filter(history_user=user).order_by("history_date", "history_id"):
            rows.append(
                {
                    "record": str(original._meta.verbose_name),
                    "reference": original.reference_of(row.id) if issubclass(original, Referenced) else row.id,
                    "change": str(row.get_history_type_display()),
                    "at": row.history_date.isoformat(),
                }
            )
    return sorted(rows, key=lambda row: row["at"])


def deletion_consequences(user):
    """(message, blocking) pairs describing what deleting the account does."""
    return services.deletion_consequences(user)


def delete_account(user):
    """Delete `user` and remove or anonymise everything the portal keeps about them (the privacy notice's rules).

    - The company they are the only member of goes with them, and with it what is not a row of it: its logo and its
      practices' photos leave the storage once the deletion commits, cached PDF catalogues are rebuilt, and the review
      events, internal notes and admin log of it and its things go. Its history of changes cascades
      (`cascade_delete_history`).
    - What stays with a company stays without them: sign-ups they are the contact of pass to the owner or lose the
      contact, invitations to their addresses and their membership history go, problem reports lose their address,
      and no history row or admin log entry points at them any more. Review events keep the decision (`by` is null).
    - Their sessions on other devices end, and their allauth rows (addresses, authenticators) cascade, as do the
      records of the announcements e-mailed to them and their choice to receive none; the announcements and news
      they wrote or sent as staff stay without their name.
    """
    person = Person.of(user)
    # The person and everything that hangs on them go together or not at all; files only after the commit.
    with transaction.atomic():
        company = services.company_leaving_with(user)
        company_pk = company.pk if company else None
        if company is not None:
            services.forget_company(company)
            practices.forget_company(company)
            climate.forget_company(company)
            transaction.on_commit(catalogue.forget_cached)
        services.before_user_deleted(user)
        user.delete()
        services.forget_person(person)
        practices.forget_person(person)
        initiatives.forget_person(person)
        _forget_in_history(person)
        _forget_sessions(person)
        _to_any_of(person.addresses).delete()  # the mail queue's copies of what was sent to them, with their logs
        _forget_admin_log(get_user_model(), person.id)
        if company_pk is not None:
            review.forget_orphans()
            _forget_admin_log(Company, company_pk)


def _forget_in_history(person):
    """No history row points at the person: neither as who made a change (`history_user`, which deletion already set
    null) nor as a user the row copied (an application's `created_by`, a practice's `author`, an `assignee`)."""
    user_model = get_user_model()
    for model in _history_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                model.objects.filter(**{field.attname: person.id}).update(**{field.attname: None})


def _forget_sessions(person):
    """End the person's sessions in other browsers (signing out ended this one), expired ones not yet cleared too."""
    doomed = [session.pk for session, _data in _user_sessions(person.id, Session.objects.all())]
    Session.objects.filter(pk__in=doomed).delete()


def _forget_admin_log(model, pk):
    """The admin's log of changes to a deleted user or company: each entry names it (the person's name or e-mail,
    the company's name). Entries staff made about other objects stay; those by the person went with their account."""
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()
