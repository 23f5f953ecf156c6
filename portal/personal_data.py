"""What the portal holds about a person, for the RODO data download.

Each app registers a function that takes a user and returns a JSON-serialisable dict of what that app keeps about
them; `portal` collects them without importing the apps.
"""

_providers = {}


def register(name, provider):
    _providers[name] = provider


def collect(user):
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "privacy_accepted_at": user.privacy_accepted_at.isoformat() if user.privacy_accepted_at else None,
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        }
    }
    for name, provider in sorted(_providers.items()):
        data[name] = provider(user)
    return data


_deletion_checks = []


def register_deletion_check(check):
    """A check returns a list of (message, blocking) pairs describing what deleting the user does."""
    _deletion_checks.append(check)


def deletion_consequences(user):
    consequences = []
    for check in _deletion_checks:
        consequences.extend(check(user))
    return consequences
