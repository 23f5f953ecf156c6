"""What the portal holds about a person, for the RODO data download, and what deleting the account does.

`collect()` calls each app's own function for what that app keeps about the person, by name: the portal sits on
top of the apps and may import them.
"""

from partnerships import services
from partnerships.cooperation import models as cooperation


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
    data["cooperation_applications"] = cooperation.personal_data(user)
    return data


def deletion_consequences(user):
    """(message, blocking) pairs describing what deleting the account does."""
    return services.deletion_consequences(user)
