"""The questions each kind of cooperation form asks, as Django forms.

The cleaned answers are stored on the application as JSON (`to_answers()`), and shown back to the company and to
staff as question → answer pairs (`display_answers()`), in the reader's language.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from partnerships.choices import District
from partnerships.cooperation.models import CooperationForm

Kind = CooperationForm.Kind


class AnswersForm(forms.Form):
    """Base: turns cleaned data into JSON-friendly answers and back."""

    def __init__(self, *args, answers=None, **kwargs):
        if answers:
            kwargs.setdefault("initial", answers)
        super().__init__(*args, **kwargs)

    def to_answers(self):
        answers = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            answers[name] = value
        return answers


def _text(label, max_length=200, required=True, help_text=""):
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text)


def _long_text(label, max_length=3000, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PactForm(AnswersForm):
    COMMITMENTS = [
        ("renewable_energy", _("Renewable energy")),
        ("energy_efficiency", _("Energy efficiency")),
        ("mobility", _("Employee mobility")),
        ("waste", _("Waste and circular economy")),
        ("green_procurement", _("Green procurement")),
        ("greenery", _("Greenery")),
        ("staff_education", _("Staff education")),
    ]
    commitments = forms.MultipleChoiceField(
        label=_("Commitments"),
        choices=COMMITMENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at least one."),
        error_messages={"required": _("Choose at least one commitment.")},
    )
    target_year = forms.IntegerField(
        label=_("Climate-neutrality target year"), min_value=2025, max_value=2060, help_text=_("Between 2025 and 2060.")
    )
    baseline = forms.DecimalField(
        label=_("Baseline emissions (t CO2e per year)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Optional. Your company's yearly emissions today, if you know them."),
    )
    signatory_name = _text(_("Name of the person signing"))
    signatory_role = _text(_("Role of the person signing"))


class AdvisoryForm(AnswersForm):
    expert_name = _text(_("Name of the expert"))
    expert_role = _text(_("Expert's role in the company"))
    expert_email = forms.EmailField(label=_("Expert's e-mail address"))
    expertise = _text(_("Field of expertise"), max_length=300)
    bio = _long_text(_("Short biography"), max_length=1500, help_text=_("Up to 1500 characters."))


class AtelierForm(AnswersForm):
    CHALLENGES = [
        ("air", _("Clean air")),
        ("energy", _("Energy transition")),
        ("mobility", _("Sustainable mobility")),
        ("heat", _("Heat and greenery in the city")),
        ("circular", _("Circular economy")),
        ("other", _("Another challenge")),
    ]
    challenge = forms.ChoiceField(label=_("Which city challenge"), choices=CHALLENGES)
    offer = _long_text(_("The idea or resources you offer"))


class BikeForm(AnswersForm):
    CAMPAIGNS = [("rowerem_do_pracy", "Rowerem do pracy"), ("rowerowy_maj", "Rowerowy maj")]
    campaign = forms.ChoiceField(label=_("Campaign"), choices=CAMPAIGNS)
    coordinator_name = _text(_("Coordinator's name"))
    coordinator_email = forms.EmailField(label=_("Coordinator's e-mail address"))
    expected_riders = forms.IntegerField(label=_("Expected number of riders"), min_value=1, max_value=100_000)


class GreeningForm(AnswersForm):
    ACTIONS = [
        ("garden", _("Community garden")),
        ("pocket_park", _("Pocket park")),
        ("tree_planting", _("Tree planting")),
        ("other", _("Other")),
    ]
    action_kind = forms.ChoiceField(label=_("Kind of action"), choices=ACTIONS)
    volunteers = forms.IntegerField(label=_("Number of volunteers"), min_value=1, max_value=10_000)
    district = forms.ChoiceField(label=_("Preferred district"), choices=District.choices)


class CampaignForm(AnswersForm):
    practice = _long_text(_("The good practice you want to share"))
    consent = forms.BooleanField(
        label=_("We agree that the city may reuse this content in the campaign “Kraków w dobrym klimacie”."),
        error_messages={"required": _("The city can use the content only with your consent.")},
    )


class TrainingForm(AnswersForm):
    topic = _text(_("Topic of the training"))
    preferred_dates = _text(_("Preferred dates"), help_text=_("For example: weekday mornings in March."))
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1, max_value=1000)


class SpeakerForm(AnswersForm):
    event = _text(_("Name of the event"))
    event_date = forms.DateField(label=_("Date of the event"), help_text=_("For example 2026-05-20."))
    audience = forms.IntegerField(label=_("Expected audience"), min_value=1, max_value=100_000)
    topic = _text(_("What the city's speaker should talk about"), required=False)


class NgoForm(AnswersForm):
    PARTNERS = [
        ("food_sharing", _("Food-sharing point")),
        ("food_bank", _("Food bank")),
        ("other", _("Another organisation")),
    ]
    partner_kind = forms.ChoiceField(label=_("Kind of organisation"), choices=PARTNERS)
    topic = _long_text(_("What you would like to do together"))


class FundingForm(AnswersForm):
    SUPPORT = [("loan", _("Loan")), ("grant", _("Grant")), ("unsure", _("Not sure yet"))]
    support = forms.ChoiceField(label=_("Kind of support"), choices=SUPPORT)
    topic = _long_text(_("The investment or project"))


class CommunicationForm(AnswersForm):
    topic = _text(_("Topic"))
    details = _long_text(_("What you propose"))
    audience = forms.IntegerField(label=_("Expected audience"), min_value=1, max_value=100_000, required=False)


FORMS_BY_KIND = {
    Kind.PACT: PactForm,
    Kind.ADVISORY: AdvisoryForm,
    Kind.ATELIER: AtelierForm,
    Kind.BIKE: BikeForm,
    Kind.GREENING: GreeningForm,
    Kind.CAMPAIGN: CampaignForm,
    Kind.TRAINING: TrainingForm,
    Kind.SPEAKER: SpeakerForm,
    Kind.NGO: NgoForm,
    Kind.FUNDING: FundingForm,
    Kind.COMMUNICATION: CommunicationForm,
}


def form_class_for(kind):
    return FORMS_BY_KIND.get(kind, CommunicationForm)


def _display_value(field, value):
    if value in (None, "", []):
        return "—"
    choices = dict(getattr(field, "choices", None) or ())
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(value))
        except (TypeError, ValueError):
            return value
    if choices:
        return choices.get(value, value)
    return value


def display_answers(kind, answers):
    """(question, answer) pairs in the form's order; answers to questions that no longer exist come last as is."""
    fields = form_class_for(kind).base_fields
    items = [(field.label, _display_value(field, answers[name])) for name, field in fields.items() if name in answers]
    items += [(name, value) for name, value in answers.items() if name not in fields]
    return items
