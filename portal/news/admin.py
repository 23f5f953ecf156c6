from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.lib.admin_labels import LabelledDateTimeMixin
from portal.lib.images import ImageUploadField, make_thumbnail
from portal.news.models import NewsItem


class NewsItemForm(forms.ModelForm):
    # Staff's photos pass the same checks and re-encoding as every other upload of the portal.
    photo = ImageUploadField(label=_("photo"), required=False, help_text=_("JPEG, PNG or WebP, up to 5 MB."))

    class Meta:
        model = NewsItem
        fields = [
            "is_published", "publish_at", "title_pl", "lead_pl", "body_pl", "title_en", "lead_en", "body_en", "photo",
            "photo_alt_pl", "photo_alt_en",
        ]


@admin.register(NewsItem)
class NewsItemAdmin(LabelledDateTimeMixin, admin.ModelAdmin):
    form = NewsItemForm
    list_display = ["title_pl", "is_published", "publish_at", "shown_now", "has_english"]
    list_filter = ["is_published"]
    search_fields = ["title_pl", "title_en", "lead_pl", "lead_en"]
    date_hierarchy = "publish_at"
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["is_published", "publish_at"]}),
        (_("Polish"), {"fields": ["title_pl", "lead_pl", "body_pl"]}),
        (_("English (optional)"), {"fields": ["title_en", "lead_en", "body_en"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt_pl", "photo_alt_en"]}),
        (_("Record"), {"fields": ["slug", "created_by", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("shown to visitors now"), boolean=True)
    def shown_now(self, obj):
        return obj.is_public()

    @admin.display(description=_("in English"), boolean=True)
    def has_english(self, obj):
        return bool(obj.title_en)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public() else None

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if "photo" in form.changed_data:
            obj.photo_thumbnail = make_thumbnail(obj.photo) if obj.photo else ""
        super().save_model(request, obj, form, change)
