from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export import fields

from partnerships.forms import CompanyLogoForm
from partnerships.models import Company, CompanyRevision, Invitation, JoinRequest, Membership
from partnerships.review.admin import ExportResource, ReviewAdmin


class CompanyResource(ExportResource):
    sector = fields.Field(attribute="get_sector_display", column_name=_("sector"))
    size = fields.Field(attribute="get_size_display", column_name=_("size"))
    district = fields.Field(attribute="get_district_display", column_name=_("Kraków district"))

    class Meta:
        model = Company
        fields = (
            "reference",
            "name",
            "nip",
            "regon",
            "krs",
            "status",
            "sector",
            "size",
            "district",
            "street",
            "postal_code",
            "city",
            "website",
            "submitted_at",
            "decided_at",
            "decision_reason",
        )
        export_order = fields


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Company)
class CompanyAdmin(ReviewAdmin):
    list_display = ("name", "nip", "status", "sector", "district", "size", "submitted_at", "assignee")
    list_filter = (*ReviewAdmin.review_list_filter, "sector", "district", "size")
    search_fields = ("name", "nip")
    resource_classes = [CompanyResource]
    form = CompanyLogoForm  # logos uploaded by staff pass the same checks and re-encoding as the portal's
    inlines = [MembershipInline]
    readonly_fields = ("slug", "profile_changes", "records")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # The lists of the company's records in the admin, each filtered to the company (review.admin.CompanyFilter).
    # Named by URL only: the apps that hold these records build on this one, never the other way round.
    RECORD_LISTS = (
        ("admin:partnerships_application_changelist", _("applications")),
        ("admin:practices_goodpractice_changelist", _("good practices")),
        ("admin:climate_report_changelist", _("climate reports")),
    )

    @admin.display(description=_("the company's records"))
    def records(self, obj):
        if not obj.pk:
            return "—"
        links = []
        for name, label in self.RECORD_LISTS:
            try:
                links.append((f"{reverse(name)}?company={obj.pk}", label))
            except NoReverseMatch:
                continue
        return format_html_join(" · ", '<a href="{}">{}</a>', links) or "—"

    @admin.display(description=_("changes of the profile waiting"))
    def profile_changes(self, obj):
        revision = obj.pk and obj.open_revision()
        if not revision:
            return "—"
        url = reverse("admin:partnerships_companyrevision_change", args=[revision.pk])
        return format_html('<a href="{}">{} ({})</a>', url, revision.reference(), revision.get_status_display())


def _logo(file, alt):
    return format_html('<img src="{}" alt="{}" style="max-width: 160px; max-height: 120px">', file.url, alt)


@admin.register(CompanyRevision)
class CompanyRevisionAdmin(ReviewAdmin):
    """Staff read the proposed changes next to the profile as it is now, and accept, send back or reject them."""

    list_display = ["company", "status", "submitted_at", "author", "assignee"]
    list_filter = ReviewAdmin.review_list_filter
    list_select_related = ["company", "author", "assignee"]
    search_fields = ["company__name", "company__nip"]
    fields = ["company", "status", "proposed_changes", "author", "submitted_at", "decided_at", "decision_reason",
              "assignee"]
    readonly_fields = ["company", "status", "proposed_changes", "author", "submitted_at", "decided_at",
                       "decision_reason"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("proposed changes"))
    def proposed_changes(self, obj):
        rows = list(obj.changes())
        if obj.changes_logo:
            current = _logo(obj.company.logo, _("the current logo")) if obj.company.logo else "—"
            proposed = _logo(obj.logo, _("the proposed logo")) if obj.logo else _("no logo")
            rows.append((_("logo"), current, proposed))
        body = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>', rows)
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("field"), _("now"), _("proposed"), body,
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "company", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "company__name", "company__nip")
    list_select_related = ("user", "company")
    autocomplete_fields = ("user", "company")


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "company", "status", "created_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("user__email", "company__name")
    list_select_related = ("user", "company")
    readonly_fields = ("decided_by", "decided_at", "created_at")
    autocomplete_fields = ("user", "company")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "company", "invited_by", "created_at", "accepted_at")
    search_fields = ("email", "company__name")
    list_select_related = ("company", "invited_by")
    readonly_fields = ("invited_by", "created_at", "accepted_at")
    autocomplete_fields = ("company",)
