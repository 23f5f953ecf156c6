import re

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Participation, Ride
from partnerships.choices import District

# Months outside these years are refused: no initiative is that far away, and year 1 or 9999 in the local time zone
# falls outside what the database's dates can hold once converted to UTC.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class InitiativeFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Initiative.Kind.choices])
    district = forms.ChoiceField(
        label=_("District"), required=False, choices=[("", _("All districts")), *District.choices]
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        help_text=_("Year and month, for example 2026-05."),
        widget=forms.DateInput(attrs={"type": "month"}),
    )

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Enter the month as year and month, for example 2026-05."))
        if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a month between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return int(match[1]), int(match[2])

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["district"]:
            queryset = queryset.filter(district=data["district"])
        if data["month"]:
            year, month = data["month"]
            queryset = queryset.filter(start__year=year, start__month=month)
        return queryset


class ParticipationForm(forms.ModelForm):
    wait = forms.BooleanField(
        label=_("If there are not enough places, put my company on the waiting list"),
        required=False,
        help_text=_("You will get an e-mail when a place frees up; the place is then confirmed for you."),
    )

    class Meta:
        model = Participation
        fields = ["participants", "contact_name", "contact_email", "contact_phone"]
        widgets = {"participants": forms.NumberInput(attrs={"min": 1, "max": 500})}


class RideForm(forms.ModelForm):
    class Meta:
        model = Ride
        fields = ["date", "km"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "km": forms.NumberInput(attrs={"step": "0.1", "min": "0.1", "max": "200"}),
        }
        help_texts = {"km": _("The distance of the ride, at most 200 km a day in total.")}
