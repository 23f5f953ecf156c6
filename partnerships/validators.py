"""Polish company identifiers, checked with django-localflavor's checksums."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from localflavor.pl.forms import PLNIPField, PLREGONField


def _clean_with(field_class, value, message):
    try:
        field_class().clean(value)
    except ValidationError:
        raise ValidationError(message, code="invalid") from None


def validate_nip(value):
    if not (value.isdigit() and len(value) == 10):
        raise ValidationError(_("A NIP has exactly 10 digits."), code="invalid")
    _clean_with(PLNIPField, value, _("This NIP is not valid: its check digit does not match."))


def validate_regon(value):
    if not (value.isdigit() and len(value) in (9, 14)):
        raise ValidationError(_("A REGON has 9 or 14 digits."), code="invalid")
    _clean_with(PLREGONField, value, _("This REGON is not valid: its check digit does not match."))


def validate_krs(value):
    if not (value.isdigit() and len(value) == 10):
        raise ValidationError(_("A KRS number has exactly 10 digits."), code="invalid")


def normalise_digits(value):
    """Accept 123-456-78-90, 'PL1234567890' and spaces, as people type them."""
    value = (value or "").strip().upper()
    if value.startswith("PL"):
        value = value[2:]
    return "".join(ch for ch in value if ch not in " -")
