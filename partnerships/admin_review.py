"""The admin base for everything staff decide on (companies, applications, practices, participations…).

Contract other apps rely on (keep it stable):
- subclass `ReviewAdmin` for a model that inherits `Reviewable`;
- every staff action of the model's WORKFLOW gets a page at `<pk>/decide/<action>/`, URL name
  `admin:<app_label>_<model_name>_decide`, with a form `#decision-form` holding a `reason` textarea (`#id_reason`)
  and one submit button; the decision goes through `Reviewable.transition()`, so it is checked, recorded and
  e-mailed like any other.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the company"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The company's members read this in the e-mail and on their dashboard."),
    )


class ReviewAdmin(admin.ModelAdmin):
    decision_template = "admin/partnerships/decide.html"

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

    def decide_view(self, request, object_id, action):
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        try:
            rule = obj.WORKFLOW.rule(action)
        except KeyError:
            raise PermissionDenied from None
        if not obj.can(action, request.user):
            raise PermissionDenied
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                obj.transition(action, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                self.message_user(request, _("Saved: %(action)s.") % {"action": rule.label}, messages.SUCCESS)
                opts = self.model._meta
                return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "rule": rule,
            "form": form,
            "title": rule.label,
        }
        return TemplateResponse(request, self.decision_template, context)
