from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from portal import personal_data
from portal.models import User


class PortalUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {}


class PortalUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)
        field_classes = {}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People sign in with their e-mail address; there is no user name."""

    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language", "privacy_accepted_at")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "language", "usable_password", "password1", "password2")}),
    )
    list_display = ("email", "first_name", "last_name", "language", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "language", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)

    # Staff deleting a person (e.g. for an erasure request made by letter) does what the person's own deletion does:
    # the company is settled and everything about them removed or anonymised (portal.personal_data.delete_account).

    def delete_model(self, request, obj):
        personal_data.delete_account(obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            personal_data.delete_account(user)
