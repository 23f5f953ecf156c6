"""The security log: sign-ins, failed sign-ins and refused access, with who, what, when and from where.

Passwords, tokens and other secrets are never written here.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("portal.security")


def client_ip(request):
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


def log_refused(request, reason="permission denied"):
    user = getattr(request, "user", None)
    who = f"user={user.pk}" if user is not None and user.is_authenticated else "user=anonymous"
    logger.warning("access refused %s path=%s ip=%s reason=%s", who, request.path, client_ip(request), reason)


@receiver(user_logged_in)
def _log_login(sender, request, user, **kwargs):
    logger.info("sign-in user=%s ip=%s", user.pk, client_ip(request))


@receiver(user_logged_out)
def _log_logout(sender, request, user, **kwargs):
    logger.info("sign-out user=%s ip=%s", getattr(user, "pk", None), client_ip(request))


@receiver(user_login_failed)
def _log_failed(sender, credentials, request=None, **kwargs):
    # Only the login name is logged, never the password.
    login = credentials.get("email") or credentials.get("username") or "-"
    logger.warning("failed sign-in login=%s ip=%s", login, client_ip(request))
