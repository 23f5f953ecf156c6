"""Names for admin inputs that Django labels only visually, so screen readers can tell them apart (WCAG 2.1, 4.1.2)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def name_split_inputs(formfield, label):
    """The admin's date-and-time field is two inputs under one label that names neither (axe: "label"); name each
    by the field and its part."""
    widget = getattr(formfield.widget, "widget", formfield.widget)  # inside the admin's related-field wrapper
    if isinstance(widget, forms.MultiWidget):
        parts = [_("date"), _("time")] if len(widget.widgets) == 2 else [str(n + 1) for n in range(len(widget.widgets))]
        for subwidget, part in zip(widget.widgets, parts, strict=True):
            subwidget.attrs.setdefault("aria-label", f"{label}: {part}")
    return widget


class LabelledDateTimeMixin:
    """For model admins: every date-and-time input has a name of its own (see `name_split_inputs`)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            name_split_inputs(formfield, capfirst(db_field.verbose_name))
        return formfield


class LabelledFieldsMixin:
    """For tabular inlines: Django's table labels its inputs only by the column heading, which screen readers do
    not tie to the input, so each input is named by its field's own label (WCAG 2.1, 4.1.2)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            label = capfirst(db_field.verbose_name)
            name_split_inputs(formfield, label).attrs.setdefault("aria-label", label)
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete this row"))
                # Fields the inline's form declares itself (e.g. a checked image upload) skip formfield_for_dbfield.
                for field in form.fields.values():
                    if field.label:
                        field.widget.attrs.setdefault("aria-label", capfirst(field.label))

        return LabelledFormSet
