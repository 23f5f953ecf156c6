"""Who may act for a company: the one rule every app uses (companies, cooperation, practices, initiatives).

A person acts for a company when they are signed in, a member of it, and the city has verified it. `refusal()`
names what is missing; every access helper builds on it, so a company whose verification was withdrawn is refused
the same way everywhere: it may still read what it sent, but not change, submit or sign up for anything.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from partnerships.models import CompanyMembersObject, is_member, membership_of

__all__ = ["CompanyObject", "NotAllowed", "acting_company", "is_member", "may_act_for", "membership_of", "refusal"]

ANONYMOUS = "anonymous"
NO_COMPANY = "no_company"
COMPANY_PENDING = "company_pending"
COMPANY_REJECTED = "company_rejected"

MESSAGES = {
    ANONYMOUS: _("Sign in as a member of a partner company to do this."),
    NO_COMPANY: _("This is for the partnership's companies. Register your company or join it first."),
    COMPANY_PENDING: _("Your company has not been verified by city staff yet. You can do this once it is."),
    COMPANY_REJECTED: _(
        "City staff have not verified your company or have withdrawn its verification, so it cannot do this. "
        "Its page in the portal says what to do next."
    ),
}


def refusal(user):
    """Why `user` may not act for a company now (one of the codes above), or "" when they may."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    membership = membership_of(user)
    if membership is None:
        return NO_COMPANY
    company = membership.company
    if company.is_verified:
        return ""
    return COMPANY_REJECTED if company.is_rejected else COMPANY_PENDING


def may_act_for(user, company_id):
    """Whether `user` may change, submit or withdraw what belongs to the company `company_id`."""
    return is_member(user, company_id) and not refusal(user)


class NotAllowed(PermissionDenied):
    """A 403 that tells the person why (see portal.views.permission_denied)."""

    def __init__(self, code):
        self.code = code
        super().__init__(MESSAGES[code])


def acting_company(user):
    """The verified company `user` acts for; raises NotAllowed, with the reason, for anyone else."""
    code = refusal(user)
    if code:
        raise NotAllowed(code)
    return membership_of(user).company


class CompanyObject(CompanyMembersObject):
    """For models with a `company`: its members read it, they act on it while the company is verified, and they
    are the ones told about staff's decisions."""

    def may_act(self, user):
        return may_act_for(user, self.company_id)
