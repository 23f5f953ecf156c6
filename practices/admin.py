from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from partnerships.admin_review import LabelledFieldsMixin, ReviewAdmin
from practices.models import GoodPractice, PracticePhoto, PracticeRevision, ProblemReport


class GoodPracticeResource(resources.ModelResource):
    reference = fields.Field(column_name="reference", attribute="reference")
    company_name = fields.Field(column_name="company", attribute="company__name")

    class Meta:
        model = GoodPractice
        fields = (
            "reference", "id", "title", "company_name", "status", "category", "district", "year_started",
            "co2_tonnes_per_year", "mwh_saved", "trees_planted", "people_involved", "consent", "featured",
            "submitted_at", "published_at",
        )
        export_order = fields

    def dehydrate_reference(self, practice):
        return practice.reference()


class PracticePhotoInline(LabelledFieldsMixin, admin.TabularInline):
    model = PracticePhoto
    extra = 0
    fields = ["image", "alt_text", "caption", "order"]


def _decision_links(obj):
    opts = obj._meta
    return format_html_join(
        " ",
        '<a class="button" href="{}">{}</a>',
        (
            (reverse(f"admin:{opts.app_label}_{opts.model_name}_decide", args=[obj.pk, rule.action]), rule.label)
            for rule in obj.WORKFLOW.staff_rules()
            if obj.status in rule.sources
        ),
    ) or "—"


@admin.register(GoodPractice)
class GoodPracticeAdmin(ReviewAdmin):
    resource_classes = [GoodPracticeResource]
    list_display = ["title", "company", "category", "district", "status", "consent", "featured", "submitted_at"]
    list_filter = ["status", "category", "district", "consent", "featured", "company"]
    list_editable = ["featured"]
    list_select_related = ["company"]
    search_fields = ["title", "summary", "company__name", "company__nip"]
    date_hierarchy = "submitted_at"
    inlines = [PracticePhotoInline]
    readonly_fields = [
        "reference_number", "preview", "decisions", "waiting_edit", "status", "submitted_at", "decided_at",
        "decision_reason", "published_at", "consent", "consent_at", "author", "history_of_decisions",
    ]
    fieldsets = [
        (None, {"fields": ["reference_number", "preview", "decisions", "waiting_edit", "status", "featured",
                           "assignee"]}),
        (_("Practice"), {"fields": ["company", "author", "title", "summary", "body", "category", "year_started",
                                    "place", "district", "what_was_done", "results", "challenges", "links"]}),
        (_("Impact"), {"fields": ["co2_tonnes_per_year", "mwh_saved", "trees_planted", "people_involved"]}),
        (_("Review"), {"fields": ["consent", "consent_at", "submitted_at", "decided_at", "decision_reason",
                                  "published_at", "history_of_decisions"]}),
    ]

    @admin.display(description=_("reference"))
    def reference_number(self, obj):
        return obj.reference() if obj.pk else "—"

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(),
                           _("See it as residents will (opens in a new tab)"))

    @admin.display(description=_("decide"))
    def decisions(self, obj):
        return _decision_links(obj) if obj.pk else "—"

    @admin.display(description=_("edit waiting for review"))
    def waiting_edit(self, obj):
        revision = obj.pk and obj.open_revision()
        if not revision:
            return "—"
        url = reverse("admin:practices_practicerevision_change", args=[revision.pk])
        return format_html('<a href="{}">{} ({})</a>', url, revision.reference(), revision.get_status_display())

    @admin.display(description=_("decisions so far"))
    def history_of_decisions(self, obj):
        if not obj.pk:
            return "—"
        return format_html_join(
            "", "<p>{} · {} → {} · {} {}</p>",
            ((event.created_at.strftime("%Y-%m-%d %H:%M"), event.action_label(), event.to_status_label(),
              event.by or "", event.reason) for event in obj.review_history()),
        ) or "—"


@admin.register(PracticeRevision)
class PracticeRevisionAdmin(ReviewAdmin):
    list_display = ["practice", "status", "submitted_at", "author"]
    list_filter = ["status"]
    list_select_related = ["practice", "author"]
    search_fields = ["practice__title", "practice__company__name"]
    fields = ["practice", "status", "decisions", "proposed_changes", "submitted_at", "decided_at", "decision_reason"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("decide"))
    def decisions(self, obj):
        return _decision_links(obj)

    @admin.display(description=_("proposed changes"))
    def proposed_changes(self, obj):
        rows = format_html_join(
            "", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", ((label, old, new) for label, old, new in obj.changes())
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("field"), _("published"), _("proposed"), rows,
        )


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["practice", "message_start", "email", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["practice"]
    search_fields = ["message", "practice__title"]
    readonly_fields = ["practice", "message", "email", "created_at"]
    actions = ["mark_resolved"]

    @admin.display(description=_("report"))
    def message_start(self, obj):
        return obj.message[:80]

    @admin.action(description=_("Mark as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        self.message_user(request, _("Resolved: %(count)s.") % {"count": count}, messages.SUCCESS)
