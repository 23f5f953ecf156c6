"""Announcements: messages city staff send to the partner companies' people, and who received them.

Staff write an announcement in the admin (a subject and a Markdown text in Polish, optionally in English), choose
its audience (partnerships/announcements/audiences.py), preview it and send it. Sending (`sending.send`) queues one
e-mail per person, in their language, and records each as a `Recipient`; a sent announcement is read-only. People
who turned announcements off (`OptOut`) are left out; the decisions of staff about their own company are not
announcements and always arrive (partnerships.review.emails).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from partnerships import access
from partnerships.announcements import audiences
from practices.text import render_markdown

# The text is rendered when the announcement is saved; limited as the practices' Markdown is, because the parser's
# worst case grows with the square of the length (bench/markdown_worst_case.py).
BODY_MAX_LENGTH = 3000
MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists with -, links as [text](https://…).")


class Announcement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, editable=False)
    subject_pl = models.CharField(_("subject (Polish)"), max_length=150)
    subject_en = models.CharField(
        _("subject (English)"),
        max_length=150,
        blank=True,
        help_text=_("Without an English version, people who read the portal in English get the Polish one."),
    )
    body_pl = models.TextField(_("text (Polish)"), max_length=BODY_MAX_LENGTH, help_text=MARKDOWN_HELP)
    body_en = models.TextField(_("text (English)"), max_length=BODY_MAX_LENGTH, blank=True, help_text=MARKDOWN_HELP)
    # Rendered and sanitised when saved; safe to show and to send as they are.
    body_pl_html = models.TextField(editable=False, blank=True)
    body_en_html = models.TextField(editable=False, blank=True)
    audience = models.CharField(_("recipients"), max_length=32, choices=audiences.CHOICES, default="all_partners")
    cooperation_form = models.ForeignKey(
        "partnerships.CooperationForm",
        verbose_name=_("cooperation form"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For the companies taking part in one cooperation form."),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For the companies taking part in one initiative."),
    )
    # The companies the audience held when it was sent: their members see the announcement on the dashboard.
    companies = models.ManyToManyField(
        "partnerships.Company", verbose_name=_("companies"), blank=True, related_name="announcements", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-sent_at", "-created_at", "-pk"]
        permissions = [("send_announcement", _("Can send announcements to partners"))]

    def __str__(self):
        return self.subject_pl

    def save(self, *args, **kwargs):
        self.body_pl_html = render_markdown(self.body_pl)
        self.body_en_html = render_markdown(self.body_en)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_pl_html", "body_en_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("announcements:detail", args=[self.pk])

    def clean(self):
        errors = {}
        needs = self.audience_rule.needs if self.audience in audiences.AUDIENCES else ""
        for name in ("cooperation_form", "initiative"):
            chosen = getattr(self, f"{name}_id") is not None
            if name == needs and not chosen:
                errors[name] = _("Choose which one for these recipients.")
            elif name != needs and chosen:
                errors[name] = _("These recipients do not depend on this: leave it empty.")
        if self.subject_en and not self.body_en:
            errors["body_en"] = _("Write the English text too, or leave the English subject empty.")
        if self.body_en and not self.subject_en:
            errors["subject_en"] = _("Write the English subject too, or leave the English text empty.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_sent(self):
        return self.status == self.Status.SENT

    @property
    def audience_rule(self):
        return audiences.AUDIENCES[self.audience]

    def audience_companies(self):
        """The verified companies the announcement would reach now."""
        return self.audience_rule.companies(self)

    def version(self, language):
        """(subject, text in Markdown, text as HTML) in `language`: English when written, otherwise Polish."""
        if (language or "").startswith("en") and self.subject_en:
            return self.subject_en, self.body_en, self.body_en_html
        return self.subject_pl, self.body_pl, self.body_pl_html

    @property
    def subject(self):
        return self.version(get_language())[0]

    @property
    def body_html(self):
        return self.version(get_language())[2]

    def shows_polish_in(self, language):
        """Whether a reader in `language` gets the Polish version (for the page's lang attribute)."""
        return not ((language or "").startswith("en") and self.subject_en)


class Recipient(models.Model):
    """One person an announcement was e-mailed to: who, at which address, in which language and when it was queued.

    Kept with the announcement; the person's rows go when their account is deleted (the privacy notice)."""

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="recipients"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(
        "partnerships.Company", verbose_name=_("company"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["announcement", "email"]
        constraints = [models.UniqueConstraint(fields=["announcement", "user"], name="one_copy_per_person")]

    def __str__(self):
        return self.email


class OptOut(models.Model):
    """The person does not want announcements (set in the account settings or by the link in an announcement)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="announcement_opt_out",
    )
    created_at = models.DateTimeField(_("turned off"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcements turned off")
        verbose_name_plural = _("announcements turned off")

    def __str__(self):
        return str(self.user)


def receives_announcements(user):
    return not OptOut.objects.filter(user=user).exists()


def set_receives_announcements(user, receive):
    """Turn announcements on or off for `user`; idempotent (a second click changes nothing)."""
    if receive:
        OptOut.objects.filter(user=user).delete()
    else:
        OptOut.objects.get_or_create(user=user)


def visible_to(user):
    """The sent announcements the person's company received, newest first: what its members may read on the portal
    (verified or not: a company keeps what it was told). The one rule of who may read an announcement."""
    membership = access.membership_of(user)
    if membership is None:
        return Announcement.objects.none()
    return Announcement.objects.filter(status=Announcement.Status.SENT, companies=membership.company_id).order_by(
        "-sent_at", "-pk"
    )


def personal_data(user):
    """What this app keeps about the person: whether they turned announcements off, and each announcement e-mailed
    to them (and, for staff, those they wrote or sent)."""
    opt_out = OptOut.objects.filter(user=user).first()
    return {
        "announcements_turned_off": opt_out.created_at.isoformat() if opt_out else None,
        "announcements_received": [
            {
                "subject": row.announcement.version(row.language)[0],
                "email": row.email,
                "language": row.language,
                "queued": row.queued_at.isoformat(),
            }
            for row in Recipient.objects.filter(user=user).select_related("announcement").order_by("pk")
        ],
        "announcements_you_sent": [
            {"subject": a.subject_pl, "sent": a.sent_at.isoformat()}
            for a in Announcement.objects.filter(sent_by=user).order_by("pk")
        ],
    }
