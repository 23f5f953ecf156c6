from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from initiatives import emails
from partnerships.choices import District
from partnerships.models import Membership
from partnerships.review.models import Referenced
from portal.lib import page_cache
from portal.lib.personal import addresses_of, matching
from portal.lib.text import unique_slug

MAX_KM_PER_DAY = Decimal("200")


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Initiative.Status.PUBLISHED)

    def public(self):
        """What visitors may open: published and cancelled ones (a cancelled one says so)."""
        return self.exclude(status=Initiative.Status.DRAFT)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def with_places_taken(self):
        """The confirmed people and companies of each initiative, as two subqueries on the participations' index:
        a page of 20 initiatives looks up the participations of those 20, however many initiatives there are (an
        aggregate over a join would group every matching initiative before the page is cut)."""
        confirmed = (
            Participation.objects.filter(initiative=OuterRef("pk"), status=Participation.Status.CONFIRMED)
            .order_by()
            .values("initiative")
        )
        return self.annotate(
            people_taken=Coalesce(Subquery(confirmed.annotate(n=Sum("participants")).values("n")), 0),
            companies_taken=Coalesce(Subquery(confirmed.annotate(n=Count("pk")).values("n")), 0),
        )


class Initiative(models.Model):
    class Kind(models.TextChoices):
        BIKE_CAMPAIGN = "bike_campaign", _("Bike campaign")
        TREE_PLANTING = "tree_planting", _("Tree planting")
        POCKET_PARK = "pocket_park", _("Pocket park or garden")
        TRAINING = "training", _("Training")
        FORUM_MEETING = "forum_meeting", _("Experience-exchange forum meeting")
        JOINT_EVENT = "joint_event", _("Joint event")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class CapacityUnit(models.TextChoices):
        PEOPLE = "people", _("people")
        COMPANIES = "companies", _("companies")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address in the portal"), max_length=220, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    cooperation_form = models.ForeignKey(
        "partnerships.CooperationForm",
        verbose_name=_("cooperation form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        help_text=_("The form of cooperation this initiative is part of, if any."),
    )
    description = models.TextField(_("description"), max_length=5000)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    place_name = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    district = models.CharField(_("district"), max_length=2, choices=District.choices, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    capacity_unit = models.CharField(
        _("capacity counts"), max_length=16, choices=CapacityUnit.choices, default=CapacityUnit.PEOPLE
    )
    registration_deadline = models.DateTimeField(_("registration deadline"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    cancellation_notified_at = models.DateTimeField(_("participants told of the cancellation"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["start", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])

    def _unique_slug(self):
        return unique_slug(self, self.title, "initiative")

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must not be before the start.")
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            errors["registration_deadline"] = _("Registration must close before the initiative starts.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both coordinates or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_bike_campaign(self):
        return self.kind == self.Kind.BIKE_CAMPAIGN

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def registration_open(self, now=None):
        return self.status == self.Status.PUBLISHED and (now or timezone.now()) <= self.registration_deadline

    def places_taken(self):
        """Confirmed places, in the capacity's unit; uses the list's annotation when present."""
        if self.capacity_unit == self.CapacityUnit.COMPANIES:
            if hasattr(self, "companies_taken"):
                return self.companies_taken
            return self.participations.confirmed().count()
        if hasattr(self, "people_taken"):
            return self.people_taken
        return self.participations.confirmed().aggregate(n=Sum("participants", default=0))["n"]

    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken(), 0)

    def places_needed(self, participants):
        return 1 if self.capacity_unit == self.CapacityUnit.COMPANIES else participants

    def campaign_dates(self):
        return timezone.localtime(self.start).date(), timezone.localtime(self.end).date()

    def cancel(self):
        """Mark the initiative cancelled and tell every participant, once however often it is called.

        The conditional UPDATE claims the notification: of two staff cancelling at the same moment only one gets a
        row count of 1, so nobody is e-mailed twice.
        """
        now = timezone.now()
        with transaction.atomic():
            Initiative.objects.filter(pk=self.pk).update(status=self.Status.CANCELLED)
            page_cache.bump()  # an UPDATE sends no post_save: the public pages are told here
            claimed = Initiative.objects.filter(pk=self.pk, cancellation_notified_at__isnull=True).update(
                cancellation_notified_at=now
            )
            self.status = self.Status.CANCELLED
            if not claimed:
                return False
            self.cancellation_notified_at = now
            # Fetched through self.participations, each participation's `initiative` is this (cancelled) instance.
            participations = list(
                self.participations.exclude(status=Participation.Status.CANCELLED).select_related("company")
            )
            emails.send_cancelled(participations)
        return True


class ParticipationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Participation.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Participation.Status.WAITING)


class Participation(Referenced, models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    REFERENCE_PREFIX = "INI"

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="participations"
    )
    company = models.ForeignKey(
        "partnerships.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="participations"
    )
    participants = models.PositiveIntegerField(
        _("number of participants"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True, help_text=_("Marked by staff afterwards."))
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "company"], name="one_participation_per_company"),
        ]

    def __str__(self):
        return f"{self.company} — {self.initiative}"

    def get_dashboard_url(self):
        return self.initiative.get_absolute_url()

    def notification_recipients(self):
        """The company's members and the contact person (when not a member), each once."""
        recipients = self.company.notification_recipients()
        known = {user.email.lower() for user in recipients}
        if self.contact_email and self.contact_email.lower() not in known:
            recipients.append(ContactPerson(self.contact_email, self.contact_name))
        return recipients


class ContactPerson:
    """A recipient without an account: e-mails go in the portal's default language."""

    language = None

    def __init__(self, email, name):
        self.email = email
        self.name = name

    def __str__(self):
        return self.name or self.email


class Ride(models.Model):
    """One ride to work logged during a bike campaign."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="rides"
    )
    company = models.ForeignKey(
        "partnerships.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="rides"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rider"), on_delete=models.CASCADE, related_name="rides"
    )
    date = models.DateField(_("date"))
    km = models.DecimalField(_("kilometres"), max_digits=5, decimal_places=1)
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        verbose_name = _("ride")
        verbose_name_plural = _("rides")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["initiative", "company"])]

    def __str__(self):
        return f"{self.user} {self.date} {self.km} km"

    def clean(self):
        errors = {}
        initiative = self.initiative if self.initiative_id else None
        if initiative is not None and not initiative.is_bike_campaign:
            errors["initiative"] = _("Rides can be logged only for a bike campaign.")
        if self.date and initiative is not None:
            first, last = initiative.campaign_dates()
            if not first <= self.date <= last:
                errors["date"] = _("The campaign runs from %(first)s to %(last)s; this date is outside it.") % {
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                }
            elif self.date > timezone.localdate():
                errors["date"] = _("A ride cannot be logged for a day that has not come yet.")
        if self.km is not None:
            if self.km <= 0:
                errors["km"] = _("Enter a distance greater than zero.")
            elif self.date and self.user_id and "date" not in errors:
                others = (
                    Ride.objects.filter(user_id=self.user_id, date=self.date)
                    .exclude(pk=self.pk)
                    .aggregate(total=Sum("km", default=Decimal(0)))["total"]
                )
                if others + self.km > MAX_KM_PER_DAY:
                    errors["km"] = _(
                        "At most %(max)s km a day can be logged; you already have %(others)s km on that day."
                    ) % {"max": MAX_KM_PER_DAY, "others": number_format(others, decimal_pos=1)}
        if errors:
            raise ValidationError(errors)


def personal_data(user):
    """What the initiatives app keeps about `user`, for the personal data download: the sign-ups they made or are the
    contact person of (by one of their addresses), and the rides they logged.

    The contact details of a sign-up appear only when the contact is `user`: another person named as the contact of a
    sign-up `user` made is that person's data.
    """
    addresses = addresses_of(user)
    sign_ups = (
        Participation.objects.filter(Q(signed_up_by=user) | matching("contact_email", addresses))
        .select_related("initiative", "company")
        .order_by("pk")
    )
    rides = Ride.objects.filter(user=user).select_related("initiative", "company").order_by("date", "pk")
    return {
        "sign_ups": [
            {
                "reference": sign_up.reference(),
                "initiative": sign_up.initiative.title,
                "starts": sign_up.initiative.start.isoformat(),
                "company": sign_up.company.name,
                "participants": sign_up.participants,
                "status": sign_up.status,
                "attended": sign_up.attended,
                "signed_up": sign_up.created_at.isoformat(),
                "signed_up_by_you": sign_up.signed_up_by_id == user.pk,
                "you_are_the_contact": sign_up.contact_email.lower() in addresses,
                "contact": {
                    "name": sign_up.contact_name,
                    "email": sign_up.contact_email,
                    "phone": sign_up.contact_phone,
                }
                if sign_up.contact_email.lower() in addresses
                else None,
            }
            for sign_up in sign_ups
        ],
        "rides": [
            {
                "campaign": ride.initiative.title,
                "company": ride.company.name,
                "date": ride.date.isoformat(),
                "km": ride.km,
                "logged": ride.created_at.isoformat(),
            }
            for ride in rides
        ],
    }


def forget_person(person):
    """After the account of `person` is deleted, take them off every sign-up they are the contact person of.

    A sign-up still to come passes to the company's owner (staff need someone to reach, and the owner is told of the
    initiative anyway); a past or cancelled one keeps no contact at all. Either way no e-mail goes to the old address
    any more (`notification_recipients`). Their rides went with their account; `signed_up_by` is set null.
    """
    now = timezone.now()
    sign_ups = Participation.objects.filter(matching("contact_email", person.addresses)).select_related("initiative")
    for sign_up in sign_ups:
        owner = None
        if sign_up.status != Participation.Status.CANCELLED and sign_up.initiative.end >= now:
            owner = (
                Membership.objects.filter(company_id=sign_up.company_id, role=Membership.Role.OWNER)
                .select_related("user")
                .order_by("created_at", "pk")
                .first()
            )
        sign_up.contact_name = (owner.user.get_full_name() or owner.user.email) if owner else ""
        sign_up.contact_email = owner.user.email if owner else ""
        sign_up.contact_phone = ""
        sign_up.save(update_fields=["contact_name", "contact_email", "contact_phone", "updated_at"])
