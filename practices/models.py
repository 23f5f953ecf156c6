"""Good practices: companies write them, staff publish them, residents find them.

Editing a published practice: the public version must not change until staff accept the edit. The company's edit
is kept as a `PracticeRevision` holding the edited field values (JSON); the revision goes through its own review
(submit → publish / reject / request changes). When staff publish it, `PracticeRevision.after_transition` copies the
values into the practice, inside the same transaction as the decision. Until then residents keep seeing the
published text. Photos of a published practice are not part of a revision: they stay as published.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import access
from partnerships.choices import District
from partnerships.review.models import Referenced, Reviewable
from partnerships.review.workflow import COMPANY, STAFF, Rule, Status, Workflow
from portal.lib.files import delete_when_committed
from portal.lib.personal import addresses_of, matching
from portal.lib.text import normalise, search_words, unique_slug
from practices.text import render_markdown


class Category(models.TextChoices):
    ENERGY_EFFICIENCY = "energy_efficiency", _("Energy efficiency")
    RENEWABLE_ENERGY = "renewable_energy", _("Renewable energy")
    MOBILITY = "mobility", _("Sustainable mobility")
    CIRCULAR_ECONOMY = "circular_economy", _("Waste and circular economy")
    GREENERY = "greenery", _("Greenery and biodiversity")
    AIR_QUALITY = "air_quality", _("Air quality")
    EDUCATION = "education", _("Education and engagement")
    GREEN_PROCUREMENT = "green_procurement", _("Green procurement")


class PracticeStatus(models.TextChoices):
    """The standard statuses; for a practice "approved" reads as "published"."""

    DRAFT = Status.DRAFT.value, _("Draft")
    SUBMITTED = Status.SUBMITTED.value, _("Waiting for review")
    CHANGES_REQUESTED = Status.CHANGES_REQUESTED.value, _("Changes requested")
    APPROVED = Status.APPROVED.value, _("Published")
    REJECTED = Status.REJECTED.value, _("Rejected")
    WITHDRAWN = Status.WITHDRAWN.value, _("Withdrawn")


def _workflow(publish_label):
    S = PracticeStatus
    return Workflow(
        rules=(
            Rule("submit", _("Submit for review"), frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, COMPANY),
            Rule(
                "withdraw",
                _("Withdraw"),
                frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED}),
                S.WITHDRAWN,
                COMPANY,
            ),
            Rule("publish", publish_label, frozenset({S.SUBMITTED}), S.APPROVED, STAFF),
            Rule(
                "request_changes",
                _("Request changes"),
                frozenset({S.SUBMITTED}),
                S.CHANGES_REQUESTED,
                STAFF,
                reason_required=True,
            ),
            Rule("reject", _("Reject"), frozenset({S.SUBMITTED}), S.REJECTED, STAFF, reason_required=True),
        ),
        waiting=frozenset({S.SUBMITTED}),
    )


# Fields a company edits; a revision of a published practice carries exactly these.
EDITABLE_FIELDS = [
    "title",
    "summary",
    "body",
    "category",
    "year_started",
    "place",
    "district",
    "what_was_done",
    "results",
    "challenges",
    "links",
    "co2_tonnes_per_year",
    "mwh_saved",
    "trees_planted",
    "people_involved",
]
# Fields whose text residents search.
SEARCHED_FIELDS = ["title", "summary", "body", "place", "what_was_done", "results", "challenges"]
# Fields written in Markdown. Each is rendered and sanitised when the practice is saved, into `<name>_html`, which
# the pages and the catalogue show: Markdown is slow on some texts (see practices.text.render_markdown), so it is
# never rendered while a page is shown, and these texts have a maximum length.
MARKDOWN_FIELDS = ["body", "what_was_done", "results", "challenges"]


_INDEXED_MATCH = '"practices_goodpractice"."search_vector" @@ to_tsquery(\'simple\'::regconfig, %s)'
_UNINDEXED_MATCH = (
    'COALESCE("practices_goodpractice"."search_vector", \'\'::tsvector) @@ to_tsquery(\'simple\'::regconfig, %s)'
)


def _match(words, broad):
    """The condition "every word begins a word of the practice" (see GoodPracticeQuerySet.search)."""
    if connection.vendor == "postgresql":
        # Words hold only [a-z0-9] after normalisation, so the tsquery cannot be malformed; it is a parameter.
        # Broad: the same value (the column is never null), but no index is on this expression.
        tsquery = " & ".join(f"{word}:*" for word in words)
        sql = _UNINDEXED_MATCH if broad else _INDEXED_MATCH
        return RawSQL(sql, [tsquery], output_field=models.BooleanField())  # noqa: S611 (constant SQL)
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=f" {word}")
    return condition


# How many practices of the list (its filters, its order) a search tests first to tell common words from rare ones.
BROAD_SAMPLE = 1000


class GoodPracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PracticeStatus.APPROVED)

    def for_cards(self):
        """What a card shows: the company (joined) and the photos (one more query for the whole page)."""
        return self.select_related("company").prefetch_related(
            Prefetch("photos", queryset=PracticePhoto.objects.order_by("order", "pk"))
        )

    def search(self, query, broad=False):
        """Every word of `query` must begin a word of the practice (diacritics ignored: "lodz" finds "Łódź").

        PostgreSQL: a full-text prefix match on `search_vector`, a stored tsvector of the normalised text that only
        exists there (migration 0002), with a GIN index. Elsewhere: the same rule as a substring test on the text
        column, which stores " word word …".

        `broad`: the words are common and are tested on a bounded set of practices (see practices.views), so the
        same test is written so that the GIN index cannot serve it: gathering every match of a common word from the
        index would read most of the table.
        """
        words = search_words(query)
        return self.filter(_match(words, broad)) if words else self

    def sample(self, query):
        """(rows read, rows holding every word of `query`) among the first BROAD_SAMPLE rows of this queryset (the
        list's filters and order): one query that reads at most BROAD_SAMPLE rows, whatever the number of practices.
        """
        chosen = self.values("pk")[:BROAD_SAMPLE]
        counts = self.model.objects.filter(pk__in=Subquery(chosen)).aggregate(
            read=Count("pk"), matching=Count("pk", filter=_match(search_words(query), broad=True))
        )
        return counts["read"], counts["matching"]

    def waiting_for_staff(self):
        """Submitted practices and published ones with an edit waiting for review.

        `waiting_since` is when the edit was submitted, if one waits, else when the practice was: the waiting page
        orders by it, and a published practice's own `submitted_at` would date an edit to the first submission.
        """
        waiting_revision = PracticeRevision.objects.filter(practice=OuterRef("pk"), status=PracticeStatus.SUBMITTED)
        # The practices with an edit waiting are read first (one small query, by the revisions' status index), so
        # that both halves of the condition are index lookups: an EXISTS test inside OR would read every practice.
        with_edit = list(
            PracticeRevision.objects.filter(status=PracticeStatus.SUBMITTED).values_list("practice_id", flat=True)
        )
        return (
            self.filter(Q(status=PracticeStatus.SUBMITTED) | Q(pk__in=with_edit))
            .annotate(
                waiting_since=Coalesce(
                    Subquery(waiting_revision.order_by("submitted_at").values("submitted_at")[:1]), "submitted_at"
                )
            )
            .select_related("company")
        )

    def sorted_by(self, sort, searching=False):
        """Newest first, or most CO2 avoided first (practices without a figure last, then newest first).

        Each order has an index of its own that begins with the status: (status, published_at) and (status, CO2,
        published_at); published practices always have published_at. `searching` is for a search that matches few
        practices (see practices.views.practice_list): the same orders are then written as expressions no index
        serves, as otherwise PostgreSQL, which cannot estimate how many rows a prefix query matches, may walk a whole
        index looking for a rare word rather than use the GIN index and sort the few it finds.
        """
        newest = Coalesce("published_at", "created_at").desc() if searching else F("published_at").desc()
        if sort == "co2":
            if searching:
                return self.order_by(Coalesce("co2_tonnes_per_year", Value(-1)).desc(), newest, "-pk")
            return self.order_by(F("co2_tonnes_per_year").desc(nulls_last=True), newest, "-pk")
        return self.order_by(newest, "-pk")


def _impact_validators():
    return [MinValueValidator(0)]


class GoodPractice(access.CompanyObject, Reviewable):
    REFERENCE_PREFIX = "DP"
    WORKFLOW = _workflow(_("Publish"))

    status = models.CharField(
        _("status"), max_length=32, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT, db_index=True
    )
    company = models.ForeignKey(
        "partnerships.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="practices"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("address"), max_length=180, unique=True, editable=False)
    summary = models.TextField(_("summary"), max_length=500, help_text=_("Two or three sentences for the list."))
    body = models.TextField(
        _("description"),
        max_length=3000,
        help_text=_("Markdown: **bold**, *italics*, lists with -, links as [text](https://…)."),
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices, db_index=True)
    year_started = models.PositiveSmallIntegerField(
        _("year started"), validators=[MinValueValidator(1950), MaxValueValidator(2100)], db_index=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("For example a street or a site."))
    district = models.CharField(_("Kraków district"), max_length=2, choices=District.choices, db_index=True)
    what_was_done = models.TextField(_("what was done"), max_length=1500, blank=True)
    results = models.TextField(_("results"), max_length=1500, blank=True)
    challenges = models.TextField(_("challenges and lessons learned"), max_length=1500, blank=True)
    links = models.TextField(
        _("links"), max_length=2000, blank=True, help_text=_("One address per line, beginning with https://.")
    )
    co2_tonnes_per_year = models.DecimalField(
        _("CO2e avoided (tonnes per year)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_impact_validators(),
    )
    mwh_saved = models.DecimalField(
        _("energy saved (MWh)"), max_digits=10, decimal_places=2, null=True, blank=True, validators=_impact_validators()
    )
    trees_planted = models.PositiveIntegerField(_("trees planted"), null=True, blank=True)
    people_involved = models.PositiveIntegerField(_("people involved"), null=True, blank=True)
    consent = models.BooleanField(_("consent to reuse (CC BY 4.0)"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    search_text = models.TextField(editable=False, blank=True)
    # The Markdown fields rendered and sanitised when saved (see MARKDOWN_FIELDS); safe to show as they are.
    body_html = models.TextField(editable=False, blank=True)
    what_was_done_html = models.TextField(editable=False, blank=True)
    results_html = models.TextField(editable=False, blank=True)
    challenges_html = models.TextField(editable=False, blank=True)

    # The history of changes lives as long as the practice (privacy notice).
    history = HistoricalRecords(
        excluded_fields=["updated_at", "search_text", *(f"{name}_html" for name in MARKDOWN_FIELDS)],
        cascade_delete_history=True,
    )
    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The full-text column and its GIN index exist on PostgreSQL only; migration 0002 creates them there, and
            # migration 0006 the index of the CO2 order (status, CO2 descending with nulls last, published_at, id),
            # which SQLite cannot create.
            models.Index(fields=["status", "-published_at"], name="practice_status_published"),
            models.Index(fields=["category", "status", "-published_at"], name="practice_category_published"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        # A save of chosen fields (a status change) renders only the Markdown among them; any other save all of it.
        rendered = [name for name in MARKDOWN_FIELDS if update_fields is None or name in update_fields]
        self.render_html(rendered)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", *(f"{name}_html" for name in rendered)}
        super().save(*args, **kwargs)

    def render_html(self, names=MARKDOWN_FIELDS):
        for name in names:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name)))

    def build_search_text(self):
        parts = [getattr(self, name) for name in SEARCHED_FIELDS]
        if self.company_id:
            parts.append(self.company.name)
        # A leading space so that " word" finds a word at the very start too.
        return " " + normalise(" ".join(parts))

    def _unique_slug(self):
        return unique_slug(self, self.title, "praktyka", max_length=160)

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.slug])

    def get_dashboard_url(self):
        return reverse("partnerships:dashboard")

    @property
    def is_published(self):
        return self.status == PracticeStatus.APPROVED

    @property
    def is_editable(self):
        """Drafts and practices sent back are edited in place; published ones through a revision."""
        return self.status in (PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED, PracticeStatus.APPROVED)

    def after_transition(self, event):
        if event.action == "publish" and not self.published_at:
            self.published_at = timezone.now()
            self.save(update_fields=["published_at"])

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def has_impact(self):
        return any(
            value is not None
            for value in (self.co2_tonnes_per_year, self.mwh_saved, self.trees_planted, self.people_involved)
        )

    def open_revision(self):
        """The edit in progress or waiting for review, if any."""
        return self.revisions.open().first()

    def related(self, limit=3):
        return (
            GoodPractice.objects.published()
            .filter(category=self.category)
            .exclude(pk=self.pk)
            .for_cards()
            .sorted_by("newest")[:limit]
        )


def _photo_path(instance, filename):
    return f"practices/{filename}"


class PracticePhoto(models.Model):
    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=_photo_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to="practices/thumbs/", blank=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"), max_length=250, help_text=_("What the photo shows, for people who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.alt_text

    @property
    def thumbnail_url(self):
        return (self.thumbnail or self.image).url


class PracticeRevisionQuerySet(models.QuerySet):
    def open(self):
        """Edits not yet decided: in progress, sent back or waiting for review."""
        return self.exclude(status__in=[PracticeStatus.APPROVED, PracticeStatus.REJECTED, PracticeStatus.WITHDRAWN])


class PracticeRevision(Reviewable):
    """An edit of a published practice, reviewed before it replaces the public text (see the module docstring)."""

    REFERENCE_PREFIX = "DPE"

    WORKFLOW = _workflow(_("Publish the changes"))

    status = models.CharField(
        _("status"), max_length=32, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT, db_index=True
    )
    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="revisions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(_("edited values"), default=dict)

    objects = PracticeRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edit of a published practice")
        verbose_name_plural = _("edits of published practices")
        ordering = ["-created_at"]
        constraints = [
            # One edit at a time: the next waits for the decision on this one (or edits it when sent back).
            models.UniqueConstraint(
                fields=["practice"],
                condition=models.Q(
                    status__in=[PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.CHANGES_REQUESTED]
                ),
                name="one_open_revision_per_practice",
            )
        ]

    def __str__(self):
        return f"{self.practice} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.practice)

    def is_member(self, user):
        return self.practice.is_member(user)

    def may_act(self, user):
        return self.practice.may_act(user)

    def notification_recipients(self):
        return self.practice.notification_recipients()

    def get_dashboard_url(self):
        return reverse("partnerships:dashboard")

    def get_absolute_url(self):
        return self.practice.get_absolute_url()

    def changes(self):
        """(field label, published value, proposed value) for each field the edit changes."""
        rows = []
        for name in EDITABLE_FIELDS:
            field = GoodPractice._meta.get_field(name)
            old = field.value_from_object(self.practice)
            new = field.to_python(self.data.get(name))
            if old != new and not (old in (None, "") and new in (None, "")):
                rows.append((field.verbose_name, old, new))
        return rows

    def after_transition(self, event):
        if event.action != "publish":
            return
        practice = self.practice
        for name in EDITABLE_FIELDS:
            if name in self.data:
                field = GoodPractice._meta.get_field(name)
                setattr(practice, name, field.to_python(self.data[name]))
        practice.save()


class ProblemReportQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)


class ProblemReport(Referenced, models.Model):
    """A resident tells staff that something is wrong with a published practice."""

    REFERENCE_PREFIX = "ZGL"

    practice = models.ForeignKey(
        GoodPractice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="problem_reports"
    )
    message = models.TextField(_("what is wrong"), max_length=2000)
    email = models.EmailField(_("e-mail for a reply (optional)"), blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.practice}: {self.message[:60]}"

    def get_absolute_url(self):
        return self.practice.get_absolute_url()


def practices_of(company):
    """The company's practices, last changed first, each with its open edit (at most one, a database constraint) as
    `open_revisions`: one query (the edit's columns come as subqueries), then remembered on this company object, so
    that the dashboard's next steps and its panel share it."""
    practices = getattr(company, "_practices_of", None)
    if practices is None:
        edit = PracticeRevision.objects.open().filter(practice=OuterRef("pk"))
        practices = list(
            GoodPractice.objects.filter(company=company)
            .annotate(
                open_edit_pk=Subquery(edit.values("pk")[:1]),
                open_edit_status=Subquery(edit.values("status")[:1]),
                open_edit_reason=Subquery(edit.values("decision_reason")[:1]),
                open_edit_decided_at=Subquery(edit.values("decided_at")[:1]),
            )
            .order_by("-updated_at")
        )
        for practice in practices:
            practice.company = company
            practice.open_revisions = (
                [
                    PracticeRevision(
                        pk=practice.open_edit_pk,
                        practice=practice,
                        status=practice.open_edit_status,
                        decision_reason=practice.open_edit_reason or "",
                        decided_at=practice.open_edit_decided_at,
                    )
                ]
                if practice.open_edit_pk
                else []
            )
        company._practices_of = practices
    return practices


def personal_data(user):
    """What the practices app keeps about `user`, for the personal data download: the practices and the edits of
    published practices they wrote, with what they wrote in them, and the problem reports sent with their address."""
    practices = GoodPractice.objects.filter(author=user).select_related("company").prefetch_related("photos")
    edits = PracticeRevision.objects.filter(author=user).select_related("practice").order_by("pk")
    reports = ProblemReport.objects.filter(matching("email", addresses_of(user))).select_related("practice")
    return {
        "practices": [
            {
                "reference": practice.reference(),
                "company": practice.company.name,
                "status": practice.status,
                "created": practice.created_at.isoformat(),
                "published": practice.published_at.isoformat() if practice.published_at else None,
                **{name: getattr(practice, name) for name in EDITABLE_FIELDS},
                "photos": [
                    {"file": photo.image.name, "alt_text": photo.alt_text, "caption": photo.caption}
                    for photo in practice.photos.all()
                ],
            }
            for practice in practices.order_by("pk")
        ],
        "edits_of_published_practices": [
            {
                "reference": edit.reference(),
                "practice": edit.practice.reference(),
                "status": edit.status,
                "created": edit.created_at.isoformat(),
                "values": edit.data,
            }
            for edit in edits
        ],
        "problem_reports": [
            {
                "reference": report.reference(),
                "practice": report.practice.reference(),
                "message": report.message,
                "email": report.email,
                "reported": report.created_at.isoformat(),
                "resolved": report.resolved_at.isoformat() if report.resolved_at else None,
            }
            for report in reports.order_by("pk")
        ],
    }


def forget_company(company):
    """Before `company` is deleted with its last member: the photos of its practices and their thumbnails leave the
    storage once the deletion commits (Django leaves files behind). The practices, their photos' rows and their
    history go with the company."""
    photos = PracticePhoto.objects.filter(practice__company=company)
    delete_when_committed([file for photo in photos for file in (photo.image, photo.thumbnail)])


def forget_person(person):
    """After the account of `person` is deleted: problem reports sent with one of their addresses keep the message
    but not the address. (The practices and edits they wrote stay with the company; their `author` is set null.)"""
    ProblemReport.objects.filter(matching("email", person.addresses)).update(email="")
