"""What every app needs to find a person's data and to forget it: the addresses that are the person's, and the person
as the deletion steps still know them once the user's row is gone.

The apps' own `personal_data(user)` (the download) and `forget_person(person)` (account deletion) use these; the
portal calls each app's functions by name (portal/personal_data.py).
"""

import operator
from dataclasses import dataclass
from functools import reduce

from allauth.account.models import EmailAddress
from django.db.models import Q


def addresses_of(user):
    """The person's e-mail addresses, in lower case: the account's own and every other one they confirmed.

    Unconfirmed addresses are left out: anyone can type another person's address into their account, and must get
    neither that person's invitations and sign-ups in their download nor the power to erase them.
    """
    confirmed = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return frozenset(address.lower() for address in [user.email, *confirmed] if address)


def matching(field, addresses):
    """A filter: `field` holds one of `addresses`, whatever the case of its letters (none when there are none)."""
    return reduce(operator.or_, (Q(**{f"{field}__iexact": address}) for address in addresses), Q(pk__in=[]))


@dataclass(frozen=True)
class Person:
    """The person whose account is being deleted: what the steps that run after the user's row is gone need."""

    id: int
    addresses: frozenset

    @classmethod
    def of(cls, user):
        return cls(id=user.pk, addresses=addresses_of(user))
