from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import fields

from partnerships.forms import CompanyLogoForm
from partnerships.models import Company, Invitation, JoinRequest, Membership
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
    readonly_fields = ("slug",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


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
