"""Who an announcement goes to: each audience is a rule giving the companies it reaches.

Adding an audience is adding an `Audience` to AUDIENCES (its code is stored on the announcement, so a new one needs
a migration for the field's choices, which `makemigrations` writes). Its `companies(announcement)` returns a
queryset of companies; `needs` names the announcement's field that must be filled for it (or "" for none), and the
admin form shows that field.

The companies whose yearly Climate Pact report is overdue (code "overdue_reports") come from the reports' own rule
(partnerships.climate.models.overdue_companies: the latest year past its due date, not sent).

Only verified companies are ever reached: a company waiting for verification, or one rejected, is not a partner.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from initiatives.models import Participation
from partnerships.climate.models import overdue_companies
from partnerships.cooperation.models import Application
from partnerships.models import Company


@dataclass(frozen=True)
class Audience:
    code: str
    label: str
    companies: Callable
    needs: str = ""


def _all_partners(announcement):
    return Company.objects.verified()


def _form_signatories(announcement):
    approved = Application.objects.approved().filter(form_id=announcement.cooperation_form_id)
    return Company.objects.verified().filter(pk__in=approved.values("company_id"))


def _initiative_participants(announcement):
    taking_part = Participation.objects.confirmed().filter(initiative_id=announcement.initiative_id)
    return Company.objects.verified().filter(pk__in=taking_part.values("company_id"))


AUDIENCES = {
    audience.code: audience
    for audience in (
        Audience("all_partners", _("All verified partners"), _all_partners),
        Audience(
            "form_signatories",
            _("The companies taking part in one cooperation form (approved applications)"),
            _form_signatories,
            needs="cooperation_form",
        ),
        Audience(
            "initiative_participants",
            _("The companies taking part in one initiative (confirmed sign-ups)"),
            _initiative_participants,
            needs="initiative",
        ),
        Audience(
            "overdue_reports",
            _("The Climate Pact signatories whose yearly report is overdue"),
            lambda announcement: overdue_companies(),
        ),
    )
}

CHOICES = [(audience.code, audience.label) for audience in AUDIENCES.values()]
