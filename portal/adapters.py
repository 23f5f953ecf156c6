from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call the site: the portal's name and host, not the sites framework's example.com."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth's e-mails (confirmation, password reset) go out in the language of the person they are for.
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            site = PortalSite(name=gettext("Climate partnership of Kraków"), domain=urlsplit(settings.SITE_URL).netloc)
            return super().send_mail(template_prefix, email, {"current_site": site, **context})
