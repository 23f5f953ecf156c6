"""Staff's side: the emission factor table and the review of climate reports, with the reviewer's check list."""

from django.contrib import admin
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export import fields

from partnerships.climate.checks import check_list
from partnerships.climate.models import (
    FACTOR_VALUE_FIELDS,
    ActivityLine,
    CommitmentProgress,
    EmissionFactor,
    Evidence,
    Report,
    ReportFactor,
)
from partnerships.review.admin import CompanyFilter, CompanyRecordResource, ReviewAdmin


@admin.register(EmissionFactor)
class EmissionFactorAdmin(admin.ModelAdmin):
    """A factor some report uses is shown read-only: staff add a new version instead (the model refuses too)."""

    list_display = ("activity", "scope", "value", "unit", "year", "version", "source_name", "in_use")
    list_filter = ("activity", "scope", "year")
    search_fields = ("source_name",)
    fields = ("activity", "scope", "unit", "value", "year", "version", "source_name", "source_url", "note")
    readonly_fields = ("version",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # Whether each factor is in use, in the list's one query.
        return super().get_queryset(request).annotate(used=Exists(ReportFactor.objects.filter(factor=OuterRef("pk"))))

    @admin.display(boolean=True, description=_("used by reports"))
    def in_use(self, obj):
        return obj.used

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_in_use():
            readonly += [name for name in FACTOR_VALUE_FIELDS if name not in readonly]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_in_use():
            return False
        return super().has_delete_permission(request, obj)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ActivityLineInline(_ReadOnlyInline):
    model = ActivityLine
    fields = ("activity", "quantity", "unit", "quality", "renewable_kwh", "renewable_instrument")
    readonly_fields = fields


class CommitmentProgressInline(_ReadOnlyInline):
    model = CommitmentProgress
    fields = ("commitment", "status", "explanation")
    readonly_fields = fields


class EvidenceInline(_ReadOnlyInline):
    model = Evidence
    fields = ("link", "kind", "activity", "size", "uploaded_at")
    readonly_fields = fields

    @admin.display(description=_("file"))
    def link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)


class ReportFactorInline(_ReadOnlyInline):
    model = ReportFactor
    fields = ("activity", "scope", "value", "unit", "year", "version", "source_name")
    readonly_fields = fields


class ReportResource(CompanyRecordResource):
    year = fields.Field(attribute="year", column_name=_("calendar year reported on"))
    version = fields.Field(attribute="version", column_name=_("version"))
    scope1 = fields.Field(attribute="scope1_t", column_name=_("Scope 1 (t CO2e)"))
    scope2_location = fields.Field(attribute="scope2_location_t", column_name=_("Scope 2, location-based (t CO2e)"))
    scope2_market = fields.Field(attribute="scope2_market_t", column_name=_("Scope 2, market-based (t CO2e)"))
    energy = fields.Field(attribute="energy_mwh", column_name=_("energy (MWh)"))

    class Meta:
        model = Report
        fields = (
            "reference",
            "company",
            "nip",
            "year",
            "version",
            "status",
            "submitted",
            "scope1",
            "scope2_location",
            "scope2_market",
            "energy",
        )
        export_order = fields


@admin.register(Report)
class ReportAdmin(ReviewAdmin):
    resource_classes = [ReportResource]
    list_display = ("reference", "company", "year", "version", "status", "submitted_at", "assignee")
    list_filter = (*ReviewAdmin.review_list_filter, "year", CompanyFilter, ("submitted_at", admin.DateFieldListFilter))
    list_select_related = ("company", "assignee")
    search_fields = ("company__name", "company__nip")
    inlines = [ActivityLineInline, CommitmentProgressInline, EvidenceInline, ReportFactorInline]
    fields = (
        "reference",
        "company",
        "year",
        "version",
        "previous",
        "status",
        "checks",
        "scope1_t",
        "scope2_location_t",
        "scope2_market_t",
        "energy_mwh",
        "renewable_share_pct",
        "intensity_per_fte_t",
        "intensity_per_m2_kg",
        "base_year",
        "declared",
        "declared_by",
        "declared_at",
        "submitted_at",
        "decided_at",
        "decision_reason",
        "created_by",
        "assignee",
    )
    readonly_fields = tuple(name for name in fields if name != "assignee")

    @admin.display(description=_("check list for the reviewer"))
    def checks(self, obj):
        marks = {True: ("✓", _("passed")), False: ("⚠", _("look at it")), None: ("–", _("nothing to compare"))}
        rows = format_html_join(
            "",
            '<tr class="climate-check climate-check-{}"><td><span aria-hidden="true">{}</span> {}</td>'
            '<th scope="row">{}</th><td>{}</td></tr>',
            (
                (str(check.passed).lower(), marks[check.passed][0], marks[check.passed][1], check.label, check.detail)
                for check in check_list(obj)
            ),
        )
        return format_html('<table id="climate-checks">{}</table>', rows)

    def has_add_permission(self, request):
        # Reports come from companies through the portal.
        return False
