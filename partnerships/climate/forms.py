"""The long report form (every field optional, so a draft saves at any point) and the evidence upload."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.climate.models import (
    UNITS,
    Activity,
    ActivityLine,
    CommitmentProgress,
    Evidence,
    Instrument,
    ProgressStatus,
    Quality,
)
from portal.lib.documents import clean_document

BLANK = [("", "—")]
SELECT = forms.Select(attrs={"class": "form-select"})


def _amount(label, unit):
    return forms.DecimalField(
        label=f"{label} ({unit})",
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=3,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control"}),
    )


class ReportForm(forms.Form):
    """One amount and one data-quality mark per activity, the renewable part of electricity, each commitment's
    status, the base year and the declaration. Field names: `<activity>_quantity`, `<activity>_quality`,
    `renewable_kwh`, `renewable_instrument`, `commitment_<code>_status`, `commitment_<code>_explanation`."""

    def __init__(self, *args, report, commitments, **kwargs):
        self.report = report
        self.commitments = commitments
        super().__init__(*args, **kwargs)
        lines = report.lines_by_activity
        for activity in Activity:
            line = lines.get(activity)
            self.fields[f"{activity}_quantity"] = _amount(activity.label, UNITS[activity])
            self.fields[f"{activity}_quality"] = forms.ChoiceField(
                label=_("How is it known? (%(activity)s)") % {"activity": activity.label},
                choices=BLANK + Quality.choices,
                required=False,
                widget=SELECT,
            )
            if line is not None:
                self.initial[f"{activity}_quantity"] = line.quantity
                self.initial[f"{activity}_quality"] = line.quality
                if activity == Activity.ELECTRICITY:
                    self.initial["renewable_kwh"] = line.renewable_kwh
                    self.initial["renewable_instrument"] = line.renewable_instrument
        self.fields["renewable_kwh"] = _amount(_("Of which renewable electricity"), "kWh")
        self.fields["renewable_instrument"] = forms.ChoiceField(
            label=_("Renewable electricity is backed by"),
            choices=BLANK + Instrument.choices,
            required=False,
            widget=SELECT,
        )
        progress = {row.commitment: row for row in report.progress.all()}
        for code, label in commitments:
            self.fields[f"commitment_{code}_status"] = forms.ChoiceField(
                label=_("Status: %(name)s") % {"name": label},
                choices=BLANK + ProgressStatus.choices,
                required=False,
                widget=SELECT,
            )
            self.fields[f"commitment_{code}_explanation"] = forms.CharField(
                label=_("Explanation: %(name)s") % {"name": label},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                help_text=_("Required when the commitment is delayed or abandoned. Up to 2000 characters."),
            )
            if code in progress:
                self.initial[f"commitment_{code}_status"] = progress[code].status
                self.initial[f"commitment_{code}_explanation"] = progress[code].explanation
        self.fields["base_year"] = forms.IntegerField(
            label=_("Base year"),
            required=False,
            min_value=1990,
            max_value=report.year,
            widget=forms.NumberInput(attrs={"class": "form-control"}),
            help_text=_("Leave empty to use the year of your first verified report."),
        )
        self.fields["declared"] = forms.BooleanField(
            label=_("I declare that the data in this report is true to the best of my knowledge."), required=False
        )
        self.initial.setdefault("base_year", report.base_year)
        self.initial.setdefault("declared", report.declared)

    def activity_rows(self):
        """(activity, amount field, quality field) for the template, in the order of the form."""
        return [(activity, self[f"{activity}_quantity"], self[f"{activity}_quality"]) for activity in Activity]

    def commitment_rows(self):
        return [
            (label, self[f"commitment_{code}_status"], self[f"commitment_{code}_explanation"])
            for code, label in self.commitments
        ]

    def save(self, user):
        """Store what was given; an emptied amount removes its line. The figures are computed again."""
        data = self.cleaned_data
        report = self.report
        with transaction.atomic():
            existing = report.lines_by_activity
            for activity in Activity:
                quantity = data.get(f"{activity}_quantity")
                line = existing.get(activity)
                if quantity is None:
                    if line is not None:
                        line.delete()
                    continue
                line = line or ActivityLine(report=report, activity=activity)
                line.quantity = quantity
                line.quality = data.get(f"{activity}_quality") or ""
                if activity == Activity.ELECTRICITY:
                    line.renewable_kwh = data.get("renewable_kwh")
                    line.renewable_instrument = data.get("renewable_instrument") or ""
                line.save()
            progress = {row.commitment: row for row in report.progress.all()}
            for code, _label in self.commitments:
                row = progress.get(code) or CommitmentProgress(report=report, commitment=code)
                row.status = data.get(f"commitment_{code}_status") or ""
                row.explanation = data.get(f"commitment_{code}_explanation") or ""
                row.save()
            report.base_year = data.get("base_year")
            if data.get("declared") and not report.declared:
                report.declared, report.declared_by, report.declared_at = True, user, timezone.now()
            elif not data.get("declared"):
                report.declared, report.declared_by, report.declared_at = False, None, None
            report.save(update_fields=["base_year", "declared", "declared_by", "declared_at", "updated_at"])
            report.recompute()
        return report


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF document or a JPEG, PNG or WebP picture, up to 5 MB."),
        error_messages={"required": _("Choose a file to attach.")},
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,image/jpeg,image/png,image/webp"}
        ),
    )
    activity = forms.ChoiceField(
        label=_("It backs"),
        choices=BLANK + Activity.choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, report, **kwargs):
        self.report = report
        super().__init__(*args, **kwargs)

    def clean_file(self):
        limit = settings.CLIMATE_EVIDENCE_MAX_FILES
        if self.report.evidence.count() >= limit:
            raise forms.ValidationError(
                _("A report can carry up to %(limit)s files. Remove one to attach another.") % {"limit": limit}
            )
        upload = self.cleaned_data["file"]
        cleaned, kind = clean_document(upload)
        self.kind = kind
        self.original_name = (upload.name or "")[-200:]
        return cleaned

    def save(self, user):
        file = self.cleaned_data["file"]
        limit = settings.CLIMATE_EVIDENCE_MAX_FILES
        with transaction.atomic():
            # Two uploads at the same moment: the row lock makes the second count the first before it adds one.
            type(self.report).objects.select_for_update().filter(pk=self.report.pk).first()
            if self.report.evidence.count() >= limit:
                raise forms.ValidationError(
                    _("A report can carry up to %(limit)s files. Remove one to attach another.") % {"limit": limit}
                )
            return Evidence.objects.create(
                report=self.report,
                file=file,
                kind=self.kind,
                original_name=self.original_name,
                size=file.size,
                activity=self.cleaned_data.get("activity") or "",
                uploaded_by=user,
            )
