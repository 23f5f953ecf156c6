"""Staff write announcements here, preview them, send a test to themselves and send them; once sent, an announcement
and its list of recipients are read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from partnerships.announcements import sending
from partnerships.announcements.models import Announcement, Recipient

SEND_PERMISSION = "announcements.send_announcement"


class RecipientInline(admin.TabularInline):
    model = Recipient
    fields = ["email", "company", "language", "queued_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("recipients (one e-mail each)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["subject_pl", "audience", "status", "sent_at", "sent_by", "recipient_count"]
    list_filter = ["status", "audience"]
    search_fields = ["subject_pl", "subject_en"]
    list_select_related = ["sent_by"]
    readonly_fields = ["status", "created_by", "created_at", "sent_by", "sent_at"]
    fieldsets = [
        (None, {"fields": ["audience", "cooperation_form", "initiative"]}),
        (gettext_lazy("Polish"), {"fields": ["subject_pl", "body_pl"]}),
        (gettext_lazy("English (optional)"), {"fields": ["subject_en", "body_en"]}),
        (gettext_lazy("Record"), {"fields": ["status", "created_by", "created_at", "sent_by", "sent_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipients_total=Count("recipients"))

    @admin.display(description=gettext_lazy("e-mails sent"), ordering="recipients_total")
    def recipient_count(self, obj):
        return obj.recipients_total if obj.is_sent else "—"

    def get_inlines(self, request, obj):
        return [RecipientInline] if obj is not None and obj.is_sent else []

    def has_change_permission(self, request, obj=None):
        # A sent announcement is a record of what was said to whom: nobody changes it.
        if obj is not None and obj.is_sent:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_sent:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _preview_url(self, obj):
        return reverse("admin:announcements_announcement_preview", args=[obj.pk])

    def response_add(self, request, obj, post_url_continue=None):
        if "_preview" in request.POST:
            return redirect(self._preview_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_preview" in request.POST:
            return redirect(self._preview_url(obj))
        return super().response_change(request, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="announcements_announcement_preview"),
            path("<int:pk>/test/", view(require_POST(self.test_view)), name="announcements_announcement_test"),
            path("<int:pk>/send/", view(require_POST(self.send_view)), name="announcements_announcement_send"),
            *super().get_urls(),
        ]

    def _get(self, request, pk, send=False):
        announcement = get_object_or_404(Announcement, pk=pk)
        if not self.has_view_permission(request, announcement):
            raise PermissionDenied
        if send and not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        return announcement

    def preview_view(self, request, pk):
        announcement = self._get(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": announcement,
            "title": _("Preview: %(subject)s") % {"subject": announcement.subject_pl},
            "preview": sending.preview(announcement),
            "may_send": request.user.has_perm(SEND_PERMISSION) and not announcement.is_sent,
            "change_url": reverse("admin:announcements_announcement_change", args=[announcement.pk]),
        }
        return TemplateResponse(request, "admin/announcements/announcement/preview.html", context)

    def test_view(self, request, pk):
        announcement = self._get(request, pk, send=True)
        count = sending.send_test(announcement, request.user)
        messages.success(
            request,
            ngettext(
                "A test copy has been sent to %(email)s.",
                "%(count)d test copies (one per language) have been sent to %(email)s.",
                count,
            )
            % {"count": count, "email": request.user.email},
        )
        return redirect(self._preview_url(announcement))

    def send_view(self, request, pk):
        announcement = self._get(request, pk, send=True)
        try:
            count = sending.send(announcement.pk, by=request.user)
        except sending.NotSendable as error:
            messages.error(request, str(error))
            return redirect(self._preview_url(announcement))
        messages.success(
            request,
            ngettext(
                "The announcement has been sent: %(count)d e-mail is in the queue.",
                "The announcement has been sent: %(count)d e-mails are in the queue.",
                count,
            )
            % {"count": count},
        )
        return redirect(reverse("admin:announcements_announcement_change", args=[announcement.pk]))
