"""The admin base for everything staff decide on (companies, applications, practices, participations…).

Contract other apps rely on (keep it stable):
- subclass `ReviewAdmin` for a model that inherits `Reviewable` (and set `resource_classes` to an `ExportResource`
  subclass for the CSV/XLSX export);
- the changelist's search also finds an object by its reference number (WSP-00042, or just 42);
- every staff action of the model's WORKFLOW gets a page at `<pk>/decide/<action>/`, URL name
  `admin:<app_label>_<model_name>_decide`, with a form `#decision-form` holding a `reason` textarea (`#id_reason`)
  and one submit button; the decision goes through `Reviewable.transition()`, so it is checked, recorded and
  e-mailed like any other;
- every staff action is also a changelist action (`decide_<action>`) with the same reason form, for many objects.

Statuses and decision fields are read-only here: they change only through transitions.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from partnerships.review import waiting
from partnerships.review.models import ReasonTemplate, ReviewEvent, StaffNote, forget_orphans
from partnerships.review.workflow import STAFF
from portal.lib.admin_labels import LabelledDateTimeMixin
from portal.lib.spreadsheets import EscapeFormulaeMixin

REVIEW_READONLY_FIELDS = ("status", "submitted_at", "decided_at", "decision_reason")


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the company"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The company's members read this in the e-mail and on their dashboard."),
    )

    def __init__(self, *args, rule=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rule is not None and rule.reason_required:
            field = self.fields["reason"]
            field.required = True
            field.error_messages["required"] = _("Please give a reason: the company will read it.")
            field.help_text = _(
                "Required for this decision. The company's members read it in the e-mail and on their dashboard."
            )


def reason_templates_for(rule):
    """The reusable reason texts offered for `rule`: those written for its action and those for every action."""
    return ReasonTemplate.objects.filter(Q(action=rule.action) | Q(action=""))


class ExportResource(resources.ModelResource):
    """The one column convention of staff's exports (companies, applications, practices, participations):
    the reference number staff and companies quote comes first, every header is the field's name in the staff
    member's language, and a status is written as its label ("Approved"), never as its code."""

    reference = fields.Field(column_name=_("reference"))

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = django_field.verbose_name
        return field

    def get_export_order(self):
        order = super().get_export_order()
        return ("reference", *(name for name in order if name != "reference"))

    def dehydrate_reference(self, obj):
        return obj.reference()

    def dehydrate_status(self, obj):
        return str(obj.get_status_display())


class CompanyRecordResource(ExportResource):
    """The export of something a company sends staff (an application, a yearly report): the company's name and NIP,
    the status and when it was sent come first after the reference, in the same words in every export."""

    company = fields.Field(attribute="company__name", column_name=_("company"))
    nip = fields.Field(attribute="company__nip", column_name=_("NIP"))
    status = fields.Field(attribute="status", column_name=_("status"))
    submitted = fields.Field(attribute="submitted_at", column_name=_("submitted"))

    def get_queryset(self):
        return super().get_queryset().select_related("company")


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
        return [("me", _("Me")), ("none", _("Nobody"))] + [(str(user.pk), str(user)) for user in staff]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assignee=request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset


class CompanyFilter(admin.SimpleListFilter):
    """The company an object belongs to, for a model with a `company` foreign key.

    Every company as a link would be thousands of links at the city's size, so the filter offers the companies with
    something waiting for staff (at most `LIMIT`, by name), and the one chosen. Any company can still
    be chosen by its number in the address (`?company=42`), which the company's own page in the admin links to; the
    search finds objects by company name and NIP too."""

    title = _("company")
    parameter_name = "company"
    LIMIT = 30

    def lookups(self, request, model_admin):
        model = model_admin.model
        companies = model._meta.get_field("company").related_model.objects
        waiting = model.objects.filter(status__in=model.WORKFLOW.waiting).values("company_id")
        chosen = self.value() if (self.value() or "").isdigit() else None
        shown = companies.filter(Q(pk__in=waiting) | Q(pk=chosen)).order_by("name")[: self.LIMIT]
        return [(str(company.pk), company.name) for company in shown.only("pk", "name")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(company_id=int(value))
        if value:
            return queryset.none()  # not a company number: nothing matches, rather than everything
        return queryset


class StaffNoteInline(GenericTabularInline):
    """Internal notes: staff only, never shown to the company."""

    model = StaffNote
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")
    extra = 1
    verbose_name = _("internal note (staff only)")
    verbose_name_plural = _("internal notes (staff only, the company never sees them)")
    # A tabular inline labels its fields only by the column heading; screen readers need the field's own name.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "aria-label": _("internal note")})}
    }


class ReferenceSearchMixin:
    """For the admin of a model with reference numbers: the search also finds WSP-00042 (or just 42)."""

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        pk = self.model.pk_from_reference(search_term)
        if pk is not None:
            queryset |= self.model.objects.filter(pk=pk)
        return queryset, may_have_duplicates


class ReviewAdmin(ReferenceSearchMixin, LabelledDateTimeMixin, EscapeFormulaeMixin, ExportMixin, SimpleHistoryAdmin):
    decision_template = "admin/partnerships/decide.html"
    bulk_decision_template = "admin/partnerships/bulk_decide.html"
    change_form_template = "admin/partnerships/review_change_form.html"
    export_form_class = ExportForm
    export_formats = [CSV, XLSX]
    list_select_related = ["assignee"]
    review_list_filter = ("status", AssigneeFilter)
    # A filtered list says how many match, not also how many there are in all: that second count reads every row.
    show_full_result_count = False

    def get_resource_classes(self, request):
        # Without a resource of its own, a model still exports with its reference number first.
        if not self.resource_classes:
            return [resources.modelresource_factory(self.model, resource_class=ExportResource)]
        return super().get_resource_classes(request)

    # simple-history's page needs `history = HistoricalRecords()` on the model; without it, Django's own log.
    @property
    def _has_simple_history(self):
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    @property
    def object_history_template(self):
        return SimpleHistoryAdmin.object_history_template if self._has_simple_history else None

    def history_view(self, request, object_id, extra_context=None):
        if not self._has_simple_history:
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An old version is there to read. Saving it (simple-history's "Revert", which SIMPLE_HISTORY_REVERT_DISABLED
        # only hides) would put back an old status with no review event.
        if request.method == "POST":
            raise PermissionDenied("reverting to an old version")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_export_permission(self, request):
        # import-export allows every member of staff by default; exporting is seeing the list.
        return self.has_view_permission(request)

    # Decision fields change only through transitions ------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in REVIEW_READONLY_FIELDS if name not in readonly]

    def get_inlines(self, request, obj):
        # Internal notes come with every reviewed model, whatever inlines a subclass declares.
        inlines = list(super().get_inlines(request, obj))
        return inlines if StaffNoteInline in inlines else [*inlines, StaffNoteInline]

    # Review events and notes point at their object by content type and id: nothing cascades to them.

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_orphans()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_orphans()

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if isinstance(note, StaffNote) and note.author_id is None:
                note.author = request.user
            note.save()
        for note in formset.deleted_objects:
            note.delete()
        formset.save_m2m()

    # Single decisions ---------------------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        urls = [
            path(
                "<path:object_id>/decide/<str:action>/",
                self.admin_site.admin_view(self.decide_view),
                name=f"{opts.app_label}_{opts.model_name}_decide",
            )
        ]
        return urls + super().get_urls()

    def _staff_rule(self, action):
        try:
            rule = self.model.WORKFLOW.rule(action)
        except KeyError:
            raise PermissionDenied from None
        if rule.actor != STAFF:
            raise PermissionDenied
        return rule

    def decide_view(self, request, object_id, action):
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        rule = self._staff_rule(action)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = DecisionForm(request.POST or None, rule=rule)
        if request.method == "POST" and form.is_valid():
            try:
                obj.transition(action, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                self.message_user(request, gettext("Saved: %(action)s.") % {"action": rule.label}, messages.SUCCESS)
                return redirect(self._change_url(obj))
        elif request.method != "POST" and obj.status not in rule.sources:
            messages.warning(
                request,
                gettext("“%(action)s” is not possible while the status is “%(status)s”.")
                % {"action": rule.label, "status": obj.get_status_display()},
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "rule": rule,
            "form": form,
            "reason_templates": reason_templates_for(rule),
            "change_url": self._change_url(obj),
            "title": rule.label,
        }
        return TemplateResponse(request, self.decision_template, context)

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here rather than in change_view, which would load the object a second time.
        if obj is not None:
            context.update(self.review_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request, obj):
        """What the change page shows above the form: status, dates, reason, history and the decision buttons."""
        opts = self.model._meta
        actions = [
            (rule, reverse(f"admin:{opts.app_label}_{opts.model_name}_decide", args=[obj.pk, rule.action]))
            for rule in obj.available_actions(request.user)
            if rule.actor == STAFF
        ]
        return {"review_object": obj, "review_actions": actions, "review_events": obj.review_history()}

    # Bulk decisions -----------------------------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            return actions
        for rule in self.model.WORKFLOW.staff_rules():
            name = f"decide_{rule.action}"
            description = gettext("%(action)s: the selected ones…") % {"action": rule.label}
            actions[name] = (self._bulk_action(rule), name, description)
        return actions

    def _bulk_action(self, rule):
        def action(modeladmin, request, queryset):
            return modeladmin.bulk_decide(request, queryset, rule)

        return action

    def bulk_decide(self, request, queryset, rule):
        """Ask once for a reason, then take `rule` on every selected object that allows it; report the rest."""
        form = DecisionForm(request.POST if "apply" in request.POST else None, rule=rule)
        if form.is_valid():
            done, skipped = 0, []
            for obj in queryset:
                try:
                    obj.transition(rule.action, by=request.user, reason=form.cleaned_data["reason"])
                except ValidationError as error:
                    skipped.append(f"{obj} ({obj.reference()}): {' '.join(error.messages)}")
                except PermissionDenied as error:
                    skipped.append(f"{obj} ({obj.reference()}): {error}")
                else:
                    done += 1
            self.message_user(
                request,
                gettext("%(action)s: done for %(count)d.") % {"action": rule.label, "count": done},
                messages.SUCCESS if done else messages.INFO,
            )
            if skipped:
                self.message_user(
                    request,
                    gettext("Skipped %(count)d: %(list)s") % {"count": len(skipped), "list": "; ".join(skipped)},
                    messages.WARNING,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "rule": rule,
            "form": form,
            "queryset": queryset,
            "action_name": f"decide_{rule.action}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "reason_templates": reason_templates_for(rule),
            "title": rule.label,
        }
        return TemplateResponse(request, self.bulk_decision_template, context)


def staff_action_choices():
    """The staff actions of every model waiting for review, for a reason template to be offered with."""
    labels = {}
    for source in waiting.sources():
        workflow = getattr(source.model, "WORKFLOW", None)
        for rule in workflow.staff_rules() if workflow else []:
            labels.setdefault(rule.action, rule.label)
    return [("", _("Every decision that asks for a reason")), *sorted(labels.items())]


class ReasonTemplateForm(forms.ModelForm):
    action = forms.ChoiceField(
        label=_("for the action"),
        choices=staff_action_choices,
        required=False,
        help_text=_("Leave empty to offer it for every decision that asks for a reason."),
    )

    class Meta:
        model = ReasonTemplate
        fields = ("title", "text", "action")


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    form = ReasonTemplateForm
    list_display = ("title", "action")
    list_filter = ("action",)
    search_fields = ("title", "text")


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """Read-only: events are written only by transitions."""

    list_display = ("created_at", "content_type", "object_id", "action", "from_status", "to_status", "by")
    list_filter = ("content_type", "action", "by_staff")
    list_select_related = ("content_type", "by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
