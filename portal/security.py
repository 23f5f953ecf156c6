"""The security log: sign-ins, failed sign-ins and refused access, with who, what, when and from where.

Each line names the e-mail address (or "anonymous"), the client's IP address and the path; the time comes from the
log formatter. Passwords, tokens and other secrets are never written here.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from portal.lib.http import client_ip

logger = logging.getLogger("portal.security")


def _path(request):
    return getattr(request, "path", "-") if request is not None else "-"


def _who(user):
    if user is None or not user.is_authenticated:
        return "anonymous"
    return user.email


def log_refused(request, reason="permission denied"):
    user = getattr(request, "user", None)
    logger.warning(
        "access refused user=%s path=%s ip=%s reason=%s", _who(user), _path(request), client_ip(request), reason
    )


def log_idle_sign_out(request):
    logger.info("idle sign-out user=%s path=%s ip=%s", _who(request.user), _path(request), client_ip(request))


@receiver(user_logged_in)
def _log_login(sender, request, user, **kwargs):
    logger.info("sign-in user=%s path=%s ip=%s", _who(user), _path(request), client_ip(request))


@receiver(user_logged_out)
def _log_logout(sender, request, user, **kwargs):
    logger.info("sign-out user=%s path=%s ip=%s", _who(user), _path(request), client_ip(request))


@receiver(user_login_failed)
def _log_failed(sender, credentials, request=None, **kwargs):
    # Only the login name is logged, never the password.
    login = credentials.get("email") or credentials.get("username") or "-"
    logger.warning("failed sign-in login=%s path=%s ip=%s", login, _path(request), client_ip(request))
