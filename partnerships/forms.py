import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.choices import District, Sector
from partnerships.models import Company
from partnerships.validators import normalise_digits, validate_krs, validate_nip, validate_regon
from portal.lib.images import ImageUploadField, make_thumbnail

POSTAL_CODE = re.compile(r"^(\d{2})-?(\d{3})$")


class CompanyLogoForm(forms.ModelForm):
    """The one way a company's logo is stored, from the portal's forms and from the admin alike: checked by its
    content, re-encoded without metadata, and a thumbnail made from the clean copy."""

    logo = ImageUploadField(
        label=_("Logo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB. We store a fresh copy of the picture without its metadata."),
    )

    def save(self, commit=True):
        company = super().save(commit=False)
        if "logo" in self.changed_data:
            # The stored logo is already re-encoded by ImageUploadField; the thumbnail is made from that copy.
            company.logo_thumbnail = make_thumbnail(company.logo.file) if company.logo else ""
        if commit:
            company.save()
            self.save_m2m()
        return company


class CompanyForm(CompanyLogoForm):
    """The company's profile, used to register it and, by its owner, to edit it."""

    nip = forms.CharField(
        label=_("NIP"),
        max_length=20,
        help_text=_("Tax identification number: 10 digits; dashes and spaces are fine."),
    )
    regon = forms.CharField(label=_("REGON"), max_length=20, required=False, help_text=_("9 or 14 digits; optional."))
    krs = forms.CharField(label=_("KRS"), max_length=20, required=False, help_text=_("10 digits; optional."))
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https",
        help_text=_("For example https://www.example.pl"),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "nip",
            "regon",
            "krs",
            "sector",
            "size",
            "street",
            "postal_code",
            "city",
            "district",
            "website",
            "description",
            "logo",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set when the NIP entered belongs to a company already in the portal, so the page can offer to join it.
        self.existing_company = None
        if self.instance.pk and self.instance.is_verified:
            self.fields["nip"].disabled = True
            self.fields["nip"].help_text = _("The NIP of a verified company cannot be changed.")
        self.fields["description"].help_text = _("A few sentences about what the company does; shown publicly.")

    def clean_nip(self):
        nip = normalise_digits(self.cleaned_data["nip"])
        validate_nip(nip)
        existing = Company.objects.filter(nip=nip).exclude(pk=self.instance.pk).first()
        if existing is not None:
            self.existing_company = existing
            if not existing.is_verified:  # its name is not public yet, so it is not said
                raise ValidationError(
                    _("A company with this NIP is already registered in the portal."), code="registered"
                )
            raise ValidationError(
                _("A company with this NIP is already registered in the portal: %(name)s."),
                params={"name": existing.name},
                code="registered",
            )
        return nip

    def clean_regon(self):
        regon = normalise_digits(self.cleaned_data["regon"])
        if regon:
            validate_regon(regon)
        return regon

    def clean_krs(self):
        krs = normalise_digits(self.cleaned_data["krs"])
        if krs:
            validate_krs(krs)
        return krs

    def clean_postal_code(self):
        match = POSTAL_CODE.match(self.cleaned_data["postal_code"].strip())
        if not match:
            raise ValidationError(_("A Polish postal code looks like 31-004."), code="invalid")
        return f"{match.group(1)}-{match.group(2)}"


class JoinRequestForm(forms.Form):
    nip = forms.CharField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the company's owner (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your role in the company, so the owner recognises you."),
    )

    def clean_nip(self):
        return normalise_digits(self.cleaned_data["nip"])

    def clean(self):
        cleaned = super().clean()
        if "nip" in cleaned:
            # The company asked to join, found by the NIP.
            cleaned["company"] = Company.objects.filter(nip=cleaned["nip"]).first()
            if cleaned["company"] is None:
                self.add_error("nip", ValidationError(_("No company with this NIP is registered."), code="unknown"))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the colleague"),
        help_text=_("We send a link; your colleague signs in or creates an account with this address and accepts."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PartnerFilterForm(forms.Form):
    """The partner list's search and filters; values that are not valid are ignored rather than answered with an
    error page."""

    q = forms.CharField(
        label=_("Search by name"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices])
    district = forms.ChoiceField(
        label=_("District"), required=False, choices=[("", _("All districts")), *District.choices]
    )

    def filter(self, queryset):
        self.is_valid()  # a value that is not valid is left out; the valid ones still filter
        data = self.cleaned_data
        if data.get("q", "").strip():
            queryset = queryset.filter(name__icontains=data["q"].strip())
        if data.get("sector"):
            queryset = queryset.filter(sector=data["sector"])
        if data.get("district"):
            queryset = queryset.filter(district=data["district"])
        return queryset
