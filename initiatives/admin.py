from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX

from initiatives import taking_part
from initiatives.models import Initiative, Participation, Ride
from partnerships.review.admin import ExportResource, ReferenceSearchMixin
from portal.lib.admin_labels import LabelledDateTimeMixin, LabelledFieldsMixin
from portal.lib.spreadsheets import EscapeFormulaeMixin, escaped_dataset


class ParticipationResource(ExportResource):
    initiative = fields.Field(attribute="initiative__title", column_name=_("initiative"))
    company = fields.Field(attribute="company__name", column_name=_("company"))
    nip = fields.Field(attribute="company__nip", column_name=_("NIP"))

    class Meta:
        model = Participation
        fields = (
            "reference",
            "initiative",
            "company",
            "nip",
            "participants",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "attended",
            "created_at",
        )
        export_order = fields


class ParticipationInline(LabelledFieldsMixin, admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("company", "participants", "contact_name", "contact_email", "contact_phone", "status", "attended")
    raw_id_fields = ("company",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company")


@admin.register(Initiative)
class InitiativeAdmin(LabelledDateTimeMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "start", "district", "status", "capacity", "capacity_unit")
    list_filter = ("status", "kind", "district")
    search_fields = ("title", "place_name", "address", "organiser")
    show_full_result_count = False  # a filtered list counts its matches only, not every row as well
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "start"  # year, then month: the month filter staff asked for
    readonly_fields = ("cancellation_notified_at", "created_at", "updated_at")
    inlines = [ParticipationInline]
    actions = ["cancel_initiatives", "export_participants"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "cooperation_form", "status", "description", "organiser")}),
        (_("When"), {"fields": ("start", "end", "registration_deadline")}),
        (_("Where"), {"fields": ("place_name", "address", "district", "latitude", "longitude")}),
        (_("Places"), {"fields": ("capacity", "capacity_unit")}),
        (_("Record"), {"fields": ("cancellation_notified_at", "created_at", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.status == Initiative.Status.CANCELLED and "status" in form.changed_data and obj.cancel():
            self.message_user(request, _("Every participant is told of the cancellation by e-mail."), messages.INFO)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # More places, or a participation staff cancelled in the inline: the waiting list moves up.
        if taking_part.refill(form.instance):
            self.message_user(request, _("Companies from the waiting list got the freed places."), messages.INFO)

    @admin.action(description=_("Cancel the selected initiatives and tell their participants"))
    def cancel_initiatives(self, request, queryset):
        cancelled = sum(1 for initiative in queryset if initiative.cancel())
        self.message_user(
            request,
            ngettext(
                "%(n)d initiative cancelled; its participants are told by e-mail.",
                "%(n)d initiatives cancelled; their participants are told by e-mail.",
                cancelled,
            )
            % {"n": cancelled},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the participants of the selected initiatives (CSV)"))
    def export_participants(self, request, queryset):
        participations = (
            Participation.objects.filter(initiative__in=queryset)
            .select_related("initiative", "company")
            .order_by("initiative__start", "created_at")
        )
        dataset = escaped_dataset(ParticipationResource().export(queryset=participations))
        response = HttpResponse(dataset.csv, content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="participants-{stamp}.csv"'
        return response


@admin.register(Participation)
class ParticipationAdmin(ReferenceSearchMixin, EscapeFormulaeMixin, ExportActionMixin, admin.ModelAdmin):
    resource_classes = [ParticipationResource]
    export_formats = [CSV, XLSX]  # as every staff export: the two formats whose formulae are escaped and tested
    list_display = ("company", "initiative", "participants", "status", "attended", "created_at")
    list_filter = ("status", "attended", "initiative__kind", "initiative")
    list_editable = ("attended",)
    search_fields = ("company__name", "initiative__title", "contact_name", "contact_email")
    list_select_related = ("company", "initiative")
    raw_id_fields = ("company", "initiative", "signed_up_by")
    show_full_result_count = False
    readonly_fields = ("reminder_sent_at", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data or "participants" in form.changed_data:
            taking_part.refill(obj.initiative)


@admin.register(Ride)
class RideAdmin(admin.ModelAdmin):
    list_display = ("date", "user", "company", "initiative", "km")
    list_filter = ("initiative", "date")
    search_fields = ("user__email", "company__name")
    list_select_related = ("user", "company", "initiative")
    raw_id_fields = ("user", "company")
    date_hierarchy = "date"
