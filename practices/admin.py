import re

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export import fields

from partnerships.models import Company
from partnerships.review.admin import CompanyFilter, ExportResource, ReferenceSearchMixin, ReviewAdmin
from portal.lib.admin_labels import LabelledDateTimeMixin, LabelledFieldsMixin
from portal.lib.text import search_words
from practices.forms import PhotoForm
from practices.models import GoodPractice, PracticePhoto, PracticeRevision, ProblemReport


class GoodPracticeResource(ExportResource):
    company_name = fields.Field(column_name=_("company"), attribute="company__name")

    class Meta:
        model = GoodPractice
        fields = (
            "reference", "id", "title", "company_name", "status", "category", "district",
            "year_started", "co2_tonnes_per_year", "mwh_saved", "trees_planted", "people_involved", "consent",
            "featured", "submitted_at", "published_at",
        )
        export_order = fields


class PracticePhotoInline(LabelledFieldsMixin, admin.TabularInline):
    model = PracticePhoto
    form = PhotoForm  # photos uploaded by staff pass the same checks and re-encoding as the portal's
    extra = 0
    fields = ["image", "alt_text", "caption", "order"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(ReviewAdmin):
    resource_classes = [GoodPracticeResource]
    list_display = ["title", "company", "category", "district", "status", "consent", "featured", "submitted_at"]
    # The date sent is a filter of fixed choices (today, the past 7 days, this month, this year), not a date
    # hierarchy: that reads the first and last date, then every distinct day, of all the matching practices.
    list_filter = (
        *ReviewAdmin.review_list_filter, "category", "district", "consent", "featured", CompanyFilter,
        ("submitted_at", admin.DateFieldListFilter),
    )
    list_editable = ["featured"]
    list_select_related = ["company"]
    # Searched through the practices' full-text index, see get_search_results.
    search_fields = ["title"]
    search_help_text = _(
        "Words from the title, the texts or the company's name (each word may be the beginning of a word), a "
        "company's NIP or a reference number."
    )
    inlines = [PracticePhotoInline]
    readonly_fields = [
        "preview", "waiting_edit", "status", "submitted_at", "decided_at", "decision_reason", "published_at",
        "consent", "consent_at", "author",
    ]
    fieldsets = [
        (None, {"fields": ["preview", "waiting_edit", "status", "featured", "assignee"]}),
        (_("Practice"), {"fields": ["company", "author", "title", "summary", "body", "category", "year_started",
                                    "place", "district", "what_was_done", "results", "challenges", "links"]}),
        (_("Impact"), {"fields": ["co2_tonnes_per_year", "mwh_saved", "trees_planted", "people_involved"]}),
        (_("Review"), {"fields": ["consent", "consent_at", "submitted_at", "decided_at", "decision_reason",
                                  "published_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Practices holding every word of the search (diacritics ignored; the same index as residents' search, so
        the cost follows the matches, not the table), and the practices of the company with that NIP, and the
        practice with that reference number. Each condition is served by an index, and they are joined by OR only
        when the term can be a NIP or a reference."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = queryset.search(term) if search_words(term) else queryset.none()
        nip = re.sub(r"[\s-]", "", term)
        if re.fullmatch(r"\d{10}", nip):
            companies = list(Company.objects.filter(nip=nip).values_list("pk", flat=True))
            matches |= queryset.filter(company_id__in=companies)
        pk = self.model.pk_from_reference(term)
        if pk is not None:
            matches |= queryset.filter(pk=pk)
        return matches, False

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(),
                           _("See it as residents will (opens in a new tab)"))

    @admin.display(description=_("edit waiting for review"))
    def waiting_edit(self, obj):
        revision = obj.pk and obj.open_revision()
        if not revision:
            return "—"
        url = reverse("admin:practices_practicerevision_change", args=[revision.pk])
        return format_html('<a href="{}">{} ({})</a>', url, revision.reference(), revision.get_status_display())


@admin.register(PracticeRevision)
class PracticeRevisionAdmin(ReviewAdmin):
    list_display = ["practice", "status", "submitted_at", "author"]
    list_filter = ReviewAdmin.review_list_filter
    list_select_related = ["practice", "author"]
    search_fields = ["practice__title", "practice__company__name"]
    fields = ["practice", "status", "proposed_changes", "submitted_at", "decided_at", "decision_reason"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("proposed changes"))
    def proposed_changes(self, obj):
        rows = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>', obj.changes())
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("field"), _("published"), _("proposed"), rows,
        )


@admin.register(ProblemReport)
class ProblemReportAdmin(ReferenceSearchMixin, LabelledDateTimeMixin, admin.ModelAdmin):
    list_display = ["practice", "message_start", "email", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["practice"]
    search_fields = ["message", "practice__title"]
    show_full_result_count = False
    readonly_fields = ["practice", "message", "email", "created_at"]
    actions = ["mark_resolved"]

    @admin.display(description=_("report"))
    def message_start(self, obj):
        return obj.message[:80]

    @admin.action(description=_("Mark as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        self.message_user(request, _("Resolved: %(count)s.") % {"count": count}, messages.SUCCESS)
