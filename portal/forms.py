from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


def _consent_label():
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I have read the"),
        reverse_lazy("privacy"),
        _("privacy notice"),
    )


class SignupConsentForm(forms.Form):
    """Extra fields on allauth's sign-up form: the consent to the privacy notice."""

    privacy_consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        required=True,
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )

    def signup(self, request, user):
        user.privacy_accepted_at = timezone.now()
        user.language = getattr(request, "LANGUAGE_CODE", user.language)
        user.save(update_fields=["privacy_accepted_at", "language"])


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted permanently."),
        required=True,
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
