from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call the site: the portal's name and host, not the sites framework's example.com."""

    name: str
    domain: str


def on_site_url(url):
    """The same page at SITE_URL: allauth builds the links in its e-mails from the host the request came to."""
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth's e-mails (confirmation, password reset) go out in the language of the person they are for.
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        # Their links (activate_url, password_reset_url, signup_url) lead to SITE_URL, as the portal's own e-mails do.
        links = {key: on_site_url(value) for key, value in context.items() if key.endswith("_url") and value}
        with translation.override(language):
            site = PortalSite(name=gettext("Climate partnership of Kraków"), domain=urlsplit(settings.SITE_URL).netloc)
            return super().send_mail(template_prefix, email, {"current_site": site, **context, **links})
