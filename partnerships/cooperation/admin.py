"""Staff's side of the cooperation catalogue and of applications."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export import fields

from partnerships.cooperation.models import Application, CooperationForm
from partnerships.cooperation.questions import display_answers
from partnerships.review.admin import CompanyFilter, CompanyRecordResource, ReviewAdmin


class ApplicationResource(CompanyRecordResource):
    """The columns of the CSV/XLSX export of applications."""

    form = fields.Field(attribute="form__title_pl", column_name=_("cooperation form"))
    decided = fields.Field(attribute="decided_at", column_name=_("decided"))
    reason = fields.Field(attribute="decision_reason", column_name=_("reason given to the company"))

    class Meta:
        model = Application
        fields = ("reference", "company", "nip", "form", "status", "submitted", "decided", "reason")
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("form")


@admin.register(Application)
class ApplicationAdmin(ReviewAdmin):
    resource_classes = [ApplicationResource]
    list_display = ("reference", "company", "form", "status", "submitted_at", "assignee")
    list_filter = (*ReviewAdmin.review_list_filter, "form", CompanyFilter, ("submitted_at", admin.DateFieldListFilter))
    list_select_related = ("company", "form", "assignee")
    search_fields = ("company__name", "company__nip")
    fields = (
        "reference",
        "company",
        "form",
        "status",
        "answers_display",
        "submitted_at",
        "decided_at",
        "decision_reason",
        "created_by",
        "assignee",
    )
    readonly_fields = tuple(name for name in fields if name != "assignee")

    @admin.display(description=_("answers"))
    def answers_display(self, obj):
        items = display_answers(obj.form.kind, obj.answers)
        if not items:
            return "—"
        rows = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td></tr>", ((q, a) for q, a in items))
        return format_html("<table>{}</table>", rows)

    def has_add_permission(self, request):
        # Applications come from companies through the portal.
        return False


@admin.register(CooperationForm)
class CooperationFormAdmin(admin.ModelAdmin):
    list_display = ("title_pl", "group", "kind", "is_active", "applications_open_from", "applications_open_until")
    list_filter = ("group", "kind", "is_active")
    list_editable = ("is_active",)
    search_fields = ("title_pl", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_pl",)}
    ordering = ("group", "order")
