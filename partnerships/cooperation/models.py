"""The city's cooperation forms (the catalogue) and the applications companies send to take part in them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import access
from partnerships.review.models import Reviewable
from partnerships.review.workflow import Status
from portal.lib.text import in_visitors_language


class CooperationFormQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CooperationForm(models.Model):
    """One way a company can work with the city; staff edit the text, the `kind` decides which questions it asks."""

    class Group(models.TextChoices):
        FORM = "form", _("Forms of cooperation")
        JOINT_WORK = "joint_work", _("Joint work with the city")
        COMMUNICATION = "communication", _("Communication and exchange")

    class Kind(models.TextChoices):
        PACT = "pact", _("Climate Pact")
        ADVISORY = "advisory", _("Advisory team")
        ATELIER = "atelier", _("Innovation Atelier")
        BIKE = "bike", _("Bike campaigns")
        GREENING = "greening", _("Greening actions")
        CAMPAIGN = "campaign", _("Campaign content")
        TRAINING = "joint_work_training", _("Training for employees")
        SPEAKER = "speaker", _("City speaker at a company event")
        NGO = "ngo", _("Introductions to NGOs")
        FUNDING = "funding", _("Loans and grants")
        COMMUNICATION = "communication", _("Communication")

    slug = models.SlugField(_("address in the portal"), max_length=80, unique=True)
    group = models.CharField(_("group"), max_length=16, choices=Group.choices, default=Group.FORM)
    kind = models.CharField(
        _("questions asked"),
        max_length=32,
        choices=Kind.choices,
        help_text=_("Which set of questions applicants answer."),
    )
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_pl = models.TextField(_("summary (Polish)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    involves_pl = models.TextField(_("what taking part involves (Polish)"), blank=True)
    involves_en = models.TextField(_("what taking part involves (English)"), blank=True)
    gains_pl = models.TextField(_("what the company gains (Polish)"), blank=True)
    gains_en = models.TextField(_("what the company gains (English)"), blank=True)
    gives_pl = models.TextField(_("what the company gives (Polish)"), blank=True)
    gives_en = models.TextField(_("what the company gives (English)"), blank=True)
    applications_open_from = models.DateField(_("applications open from"), null=True, blank=True)
    applications_open_until = models.DateField(_("applications open until"), null=True, blank=True)
    is_active = models.BooleanField(_("shown in the portal"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CooperationFormQuerySet.as_manager()

    class Meta:
        app_label = "partnerships"
        verbose_name = _("cooperation form")
        verbose_name_plural = _("cooperation forms")
        ordering = ["group", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:detail", args=[self.slug])

    @property
    def title(self):
        return in_visitors_language(self, "title")

    @property
    def summary(self):
        return in_visitors_language(self, "summary")

    @property
    def involves(self):
        return in_visitors_language(self, "involves")

    @property
    def gains(self):
        return in_visitors_language(self, "gains")

    @property
    def gives(self):
        return in_visitors_language(self, "gives")

    def get_apply_url(self):
        return reverse("cooperation:apply", args=[self.slug])

    def is_open(self, today=None):
        today = today or timezone.localdate()
        if not self.is_active:
            return False
        if self.applications_open_from and today < self.applications_open_from:
            return False
        return not (self.applications_open_until and today > self.applications_open_until)

    def obstacle_for(self, user):
        """Why `user` cannot apply now, as (code, active application or None); code is "" when they can.

        Codes: anonymous, no_company, company_pending, company_rejected, active_exists, closed.
        """
        refusal = access.refusal(user)
        if refusal:
            return refusal, None
        company = access.membership_of(user).company
        existing = Application.objects.active().filter(company=company, form=self).first()
        if existing is not None:
            return "active_exists", existing
        if not self.is_open():
            return "closed", None
        return "", None


# An application in one of these statuses blocks another one from the same company for the same form.
ACTIVE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED)
EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)


class ApplicationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def approved(self):
        return self.filter(status=Status.APPROVED)


class Application(access.CompanyObject, Reviewable):
    """A company's application to take part in one cooperation form, with its answers to that form's questions."""

    Status = Status
    REFERENCE_PREFIX = "WSP"

    company = models.ForeignKey(
        "partnerships.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="applications"
    )
    form = models.ForeignKey(
        CooperationForm, verbose_name=_("cooperation form"), on_delete=models.PROTECT, related_name="applications"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The history of changes lives as long as the application (privacy notice).
    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=True)
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        app_label = "partnerships"
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "form"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_application_per_company_and_form",
            )
        ]

    def __str__(self):
        return f"{self.reference()} · {self.form.title}"

    def get_absolute_url(self):
        return reverse("cooperation:application_detail", args=[self.pk])

    def get_dashboard_url(self):
        return reverse("partnerships:dashboard") + f"#application-{self.pk}"

    @property
    def is_closed_for_changes(self):
        """A draft or one sent back whose form no longer takes applications: it can only be withdrawn."""
        return self.status in EDITABLE_STATUSES and not self.form.is_open()

    @property
    def is_editable(self):
        """Whether the company may still change the answers: a draft or one sent back, while the form is open."""
        return self.status in EDITABLE_STATUSES and self.form.is_open()

    def obstacle(self, rule):
        if rule.action == "submit" and not self.form.is_open():
            return str(_("Applications for this form are closed, so it can no longer be sent."))
        return ""


def applications_of(company):
    """Every application of `company` with its form, newest first: one query, then remembered on this company object,
    so that the parts of one page that show them (the dashboard's next steps, its panel, the climate panel) share it.
    """
    applications = getattr(company, "_applications_of", None)
    if applications is None:
        applications = list(Application.objects.filter(company=company).select_related("form"))
        for application in applications:
            application.company = company
        company._applications_of = applications
    return applications


def personal_data(user):
    """The applications `user` created, with their answers, for the personal data download."""
    applications = Application.objects.filter(created_by=user).select_related("form", "company").order_by("pk")
    return [
        {
            "reference": application.reference(),
            "company": application.company.name,
            "form": application.form.title_pl,
            "status": application.status,
            "created_at": application.created_at.isoformat(),
            "answers": application.answers,
        }
        for application in applications
    ]
