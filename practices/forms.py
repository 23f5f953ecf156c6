from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Subquery
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnerships.choices import District, Sector
from portal.lib.images import ImageUploadField, make_thumbnail
from portal.lib.text import search_words
from practices import models as practice_models
from practices.models import EDITABLE_FIELDS, Category, GoodPractice, PracticePhoto

MAX_PHOTOS = 10
# Fields written in a text area; each has a maximum length, which the form states below the field.
LONG_TEXT_FIELDS = ["summary", "body", "what_was_done", "results", "challenges", "links"]


class LongTextField(forms.CharField):
    """Counts a line break as one character, as the browser does when it stops typing at the text area's maxlength.

    Browsers send line breaks as CR LF; counted as two, a text the browser let through could exceed the limit.
    """

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class PracticeForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the City of Kraków may reuse the text and the photos of this practice in its campaign "
            "“Kraków w dobrym klimacie” and its publications, under the Creative Commons Attribution 4.0 licence "
            "(CC BY 4.0), naming our company as the author."
        ),
        required=True,
        error_messages={"required": _("Please agree to the licence: without it the city cannot publish the text.")},
    )

    class Meta:
        model = GoodPractice
        fields = EDITABLE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "what_was_done": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "challenges": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = dict.fromkeys(LONG_TEXT_FIELDS, LongTextField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.consent:
            self.fields["consent"].initial = True
        for name in ("co2_tonnes_per_year", "mwh_saved", "trees_planted", "people_involved"):
            self.fields[name].widget.attrs["min"] = 0
        for name in LONG_TEXT_FIELDS:
            field = self.fields[name]
            limit = ngettext(
                "At most %(count)s character.", "At most %(count)s characters.", field.max_length
            ) % {"count": field.max_length}
            field.help_text = f"{field.help_text} {limit}" if field.help_text else limit

    def clean_year_started(self):
        year = self.cleaned_data["year_started"]
        if year and year > timezone.localdate().year:
            raise ValidationError(_("The year cannot be in the future."))
        return year

    def clean_links(self):
        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address. Give one address per line, beginning with https://.")
                    % {"link": line[:80]}
                ) from None
        return "\n".join(lines)

    def save(self, commit=True):
        practice = super().save(commit=False)
        if not practice.consent_at:
            practice.consent_at = timezone.now()
        practice.consent = True
        if commit:
            practice.save()
        return practice

    def revision_data(self):
        """The edited values as JSON-friendly data, for a revision of a published practice."""
        return {name: self.fields[name].prepare_value(self.cleaned_data[name]) for name in EDITABLE_FIELDS} | {
            name: (str(self.cleaned_data[name]) if self.cleaned_data[name] is not None else None)
            for name in ("co2_tonnes_per_year", "mwh_saved")
        }


class PhotoForm(forms.ModelForm):
    image = ImageUploadField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, up to 5 MB."))

    class Meta:
        model = PracticePhoto
        fields = ["image", "alt_text", "caption", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["image"].required = False
        if not self.instance.pk:
            # An empty slot is optional as a whole, so none of its fields is marked required; once anything is in
            # it, the photo and what it shows are needed (see clean).
            self.fields["alt_text"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk and self.has_changed():
            if not cleaned_data.get("image") and "image" not in self.errors:
                self.add_error("image", _("Choose the photo, or leave this slot empty."))
            if not cleaned_data.get("alt_text") and "alt_text" not in self.errors:
                self.add_error("alt_text", _("Say what the photo shows, for people who cannot see it."))
        return cleaned_data

    def save(self, commit=True):
        photo = super().save(commit=False)
        if "image" in self.changed_data and self.cleaned_data.get("image"):
            photo.thumbnail = make_thumbnail(self.cleaned_data["image"])
        if photo.order is None:
            photo.order = 0
        if commit:
            photo.save()
        return photo


PhotoFormSet = inlineformset_factory(
    GoodPractice,
    PracticePhoto,
    form=PhotoForm,
    # One empty slot below the photos already saved; "Save and add another photo" saves it and offers the next.
    extra=1,
    max_num=MAX_PHOTOS,
    validate_max=True,
    absolute_max=MAX_PHOTOS,
    can_delete=True,
)


class FilterForm(forms.Form):
    """The list's search, filters and sort; invalid values are ignored rather than answered with an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    sector = forms.ChoiceField(label=_("Company's sector"), required=False)
    year = forms.TypedChoiceField(label=_("Year started"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[("newest", _("Newest first")), ("co2", _("Most CO2 avoided"))],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["category"].choices = everything + list(Category.choices)
        self.fields["district"].choices = everything + list(District.choices)
        self.fields["sector"].choices = everything + list(Sector.choices)
        self.fields["year"].choices = everything + [(year, str(year)) for year in years]

    def clean_q(self):
        """The words searched for, normalised as the search compares them: "Alpha!" and "alpha" are one search."""
        return " ".join(search_words(self.cleaned_data["q"]))

    def is_search(self):
        return bool(self.is_valid() and self.cleaned_data.get("q"))

    def filter(self, queryset, sort=None, broad=False):
        """The practices selected, ordered by the chosen sort, or by `sort` when given.

        `broad`: the words are common, so they are looked for among the first BROAD_SAMPLE practices of the list
        without the words (`candidates`) rather than through the full-text index (see practices.views).
        """
        data = self.cleaned_data if self.is_valid() else {}
        order = sort or data.get("sort") or "newest"
        if data.get("q") and broad:
            chosen = self.candidates(queryset.model.objects.all(), sort).values("pk")[: practice_models.BROAD_SAMPLE]
            return queryset.filter(pk__in=Subquery(chosen)).search(data["q"], broad=True).sorted_by(order)
        if data.get("q"):
            queryset = queryset.search(data["q"])
        return self.candidates(queryset, sort, searching=bool(data.get("q")))

    def candidates(self, queryset, sort=None, searching=False):
        """`queryset` with the filters but not the words, in the list's order."""
        data = self.cleaned_data if self.is_valid() else {}
        queryset = queryset.published()
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        if data.get("district"):
            queryset = queryset.filter(district=data["district"])
        if data.get("sector"):
            queryset = queryset.filter(company__sector=data["sector"])
        if data.get("year"):
            queryset = queryset.filter(year_started=data["year"])
        return queryset.sorted_by(sort or data.get("sort") or "newest", searching=searching)

    def active_filters(self):
        """The valid, non-empty filters as {label: value shown}, for the catalogue's cover and its cache key."""
        if not self.is_valid():
            return {}
        shown = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "") or name == "sort":
                continue
            field = self.fields[name]
            choices = dict(getattr(field, "choices", ()))
            shown[str(field.label)] = str(choices.get(value, value))
        return shown


class ProblemReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong with this practice?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    email = forms.EmailField(label=_("Your e-mail, if you would like a reply"), required=False)
    # A field people do not see (hidden by CSS, so not focusable): bots that fill in every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
