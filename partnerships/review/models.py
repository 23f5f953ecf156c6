"""The review workflow's models: the abstract `Reviewable` every reviewed model inherits, and the rows every
transition leaves behind (`ReviewEvent`), staff's internal notes and the reason templates they choose from.

The concrete models keep the `partnerships` app label, so their tables are those the migrations made.
"""

import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.review import emails
from partnerships.review.workflow import STAFF, STANDARD_WORKFLOW, Status, TransitionNotAllowed


class Referenced:
    """A reference number staff and companies quote: the model's `REFERENCE_PREFIX` and the row's number, e.g.
    WSP-00042. The admin finds a row by its reference (`pk_from_reference`)."""

    REFERENCE_PREFIX = ""

    def reference(self):
        return self.reference_of(self.pk) if self.pk else f"{self.REFERENCE_PREFIX}-?"

    reference.short_description = _("reference")

    @classmethod
    def reference_of(cls, pk):
        """The reference of row `pk` without loading it (e.g. from a review event's `object_id`)."""
        return f"{cls.REFERENCE_PREFIX}-{pk:05d}"

    @classmethod
    def pk_from_reference(cls, text):
        """The row number in "WSP-00042", "wsp-42" or "42"; None when `text` is not a reference of this model."""
        pattern = rf"\s*(?:{re.escape(cls.REFERENCE_PREFIX)}-)?0*(\d{{1,12}})\s*"
        match = re.fullmatch(pattern, text or "", flags=re.IGNORECASE)
        return int(match.group(1)) if match else None


class Reviewable(Referenced, models.Model):
    """Abstract base for everything that passes through staff review."""

    WORKFLOW = STANDARD_WORKFLOW

    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason given to the company"), blank=True)
    assignee = models.ForeignKey(
        "portal.User",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    # What a subclass provides -------------------------------------------------------------------------------

    def is_member(self, user):
        """Whether `user` belongs to the company this object is of (and so may read it)."""
        raise NotImplementedError

    def may_act(self, user):
        """Whether `user` may take the company's actions on this object; by default every member may."""
        return self.is_member(user)

    def notification_recipients(self):
        """The users told about a staff decision."""
        raise NotImplementedError

    def get_dashboard_url(self):
        """Where the company follows this object."""
        raise NotImplementedError

    def obstacle(self, rule):
        """Why this object's own state forbids `rule` beyond its status (e.g. a closed application window), as a
        message for the user, or "" when nothing does."""
        return ""

    def after_transition(self, event):
        """A hook for work that belongs to the same transaction as a transition (e.g. publishing a revision)."""

    # The mechanism -----------------------------------------------------------------------------------------

    def available_actions(self, user):
        return [
            rule
            for rule in self.WORKFLOW.rules
            if self.status in rule.sources and self._actor_ok(rule, user) and not self.obstacle(rule)
        ]

    def can(self, action, user):
        try:
            rule = self.WORKFLOW.rule(action)
        except KeyError:
            return False
        return self.status in rule.sources and self._actor_ok(rule, user) and not self.obstacle(rule)

    def _actor_ok(self, rule, user):
        if user is None or not user.is_authenticated:
            return False
        if rule.actor == STAFF:
            opts = self._meta
            return user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        return self.may_act(user)

    def transition(self, action, by, reason=""):
        """Take `action` as user `by`, or raise TransitionNotAllowed / PermissionDenied and change nothing."""
        try:
            rule = self.WORKFLOW.rule(action)
        except KeyError:
            raise TransitionNotAllowed(_("This action does not exist.")) from None
        if not self._actor_ok(rule, by):
            raise PermissionDenied(_("You may not do this."))
        reason = (reason or "").strip()
        if rule.reason_required and not reason:
            raise TransitionNotAllowed(_("Please give a reason: the company will read it."))
        obstacle = self.obstacle(rule)
        if obstacle:
            raise TransitionNotAllowed(obstacle)
        # Lock the row so that two people deciding at the same moment cannot both move it from the same status.
        with transaction.atomic():
            current = type(self).objects.select_for_update().only("status").get(pk=self.pk).status
            if current not in rule.sources:
                raise TransitionNotAllowed(
                    _("“%(action)s” is not possible while the status is “%(status)s”.")
                    % {"action": rule.label, "status": self._status_label(current)}
                )
            now = timezone.now()
            self.status = rule.target
            fields = ["status", "updated_at"]
            if rule.actor == STAFF:
                self.decided_at = now
                self.decision_reason = reason
                fields += ["decided_at", "decision_reason"]
            elif rule.target in self.WORKFLOW.waiting:
                self.submitted_at = now
                fields.append("submitted_at")
            self.save(update_fields=fields)
            event = ReviewEvent.record(self, rule, current, by, reason)
            self.after_transition(event)
            # Queued in this transaction: the e-mail exists exactly when the decision does (portal.lib.mail).
            if rule.actor == STAFF:
                emails.send_decision(self, event)
            elif rule.target in self.WORKFLOW.waiting:
                emails.send_new_submission(self, event)
        return event

    def _status_label(self, value):
        return dict(self._meta.get_field("status").choices).get(value, value)

    def review_history(self):
        return ReviewEvent.objects.for_object(self)


# Models whose objects belong to a company (a `company` foreign key) and whose review history the company's dashboard
# shows beside the company's own: each app adds its models in its AppConfig.ready() (see `ReviewEventQuerySet`).
COMPANY_HISTORY_MODELS = []


class ReviewEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk).select_related("by", "content_type")

    def for_company(self, company):
        """The events of `company` and of its objects of COMPANY_HISTORY_MODELS, in one query however many."""
        condition = models.Q(content_type=ContentType.objects.get_for_model(company), object_id=company.pk)
        for model in COMPANY_HISTORY_MODELS:
            owned = model._default_manager.filter(company=company).values("pk")
            condition |= models.Q(content_type=ContentType.objects.get_for_model(model), object_id__in=owned)
        return self.filter(condition).select_related("by", "content_type")


def events_by_object(events):
    """{(content type id, object id): [event, …]} of `events`, in their order."""
    grouped = {}
    for event in events:
        grouped.setdefault((event.content_type_id, event.object_id), []).append(event)
    return grouped


class ReviewEvent(models.Model):
    """One transition of a reviewed object: who moved it, when, from which status to which, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=32)
    to_status = models.CharField(_("to"), max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_staff = models.BooleanField(_("by staff"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        app_label = "partnerships"
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.action} {self.from_status}→{self.to_status}"

    @classmethod
    def record(cls, obj, rule, from_status, by, reason):
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            action=rule.action,
            from_status=from_status,
            to_status=rule.target,
            by=by,
            by_staff=rule.actor == STAFF,
            reason=reason,
        )

    def action_label(self):
        model = self.content_type.model_class()
        try:
            return model.WORKFLOW.rule(self.action).label
        except (AttributeError, KeyError):
            return self.action

    def _status_label(self, value):
        model = self.content_type.model_class()
        return dict(model._meta.get_field("status").choices).get(value, value)

    def from_status_label(self):
        return self._status_label(self.from_status)

    def to_status_label(self):
        return self._status_label(self.to_status)


class StaffNote(models.Model):
    """An internal remark on any reviewed object. Only staff see these; companies never do."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("internal note"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        app_label = "partnerships"
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.text[:60]


class ReasonTemplate(models.Model):
    """A reusable reason text staff pick when deciding, and edit before sending."""

    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text for the company"))
    action = models.CharField(
        _("for the action"),
        max_length=32,
        blank=True,
        help_text=_("Leave empty to offer it for every decision that asks for a reason."),
    )

    class Meta:
        app_label = "partnerships"
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")
        ordering = ["title"]

    def __str__(self):
        return self.title


def _reference(row):
    """The reference of what a review event or note is about, read from its content type and id (no query)."""
    model = row.content_type.model_class()
    if model is not None and issubclass(model, Referenced):
        return model.reference_of(row.object_id)
    return f"{row.content_type.model}-{row.object_id}"


def personal_data(user):
    """The review steps `user` took, the internal notes they wrote and what is assigned to them (staff), for the
    personal data download. What the events and notes are about is given by its reference only."""
    events = ReviewEvent.objects.filter(by=user).select_related("content_type").order_by("pk")
    notes = StaffNote.objects.filter(author=user).select_related("content_type").order_by("pk")
    reviewed_models = [model for model in apps.get_models() if issubclass(model, Reviewable)]
    return {
        "review_events": [
            {
                "reference": _reference(event),
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "reason": event.reason,
                "at": event.created_at.isoformat(),
            }
            for event in events
        ],
        "internal_notes": [
            {"reference": _reference(note), "text": note.text, "at": note.created_at.isoformat()} for note in notes
        ],
        "assigned_to_you": [
            model.reference_of(pk)
            for model in reviewed_models
            for pk in model.objects.filter(assignee=user).order_by("pk").values_list("pk", flat=True)
        ],
    }


def forget_orphans():
    """Delete the review events and internal notes whose object no longer exists.

    They name their object by content type and id, so nothing cascades to them: whoever deletes reviewed objects (the
    admin, account deletion) calls this afterwards. Once their object is gone they describe nothing, and their reasons
    and notes would go on speaking of it.
    """
    for model in (ReviewEvent, StaffNote):
        for content_type in ContentType.objects.filter(pk__in=model.objects.values("content_type")):
            subject = content_type.model_class()
            if subject is None:
                continue  # a model no longer installed: nothing to compare with, so nothing is deleted
            model.objects.filter(content_type=content_type).exclude(
                object_id__in=subject._base_manager.values("pk")
            ).delete()
