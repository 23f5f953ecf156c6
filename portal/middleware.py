import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from portal.security import log_idle_sign_out


class LanguageMiddleware:
    """Polish unless the visitor chose otherwise with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Polish public body's site opens in
    Polish for everyone and offers English as a choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary"), "Cookie"]))
        translation.deactivate()
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class StaffIdleTimeoutMiddleware:
    """Signs staff out after STAFF_IDLE_TIMEOUT seconds without a request; other people keep their sessions.

    A member of staff left signed in on a shared office computer can decide on companies' applications; a company's
    member can only change their own company. The time of each staff request is kept in the session.
    """

    SESSION_KEY = "portal_staff_last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = int(time.time())
            last = request.session.get(self.SESSION_KEY, now)
            if now - last > settings.STAFF_IDLE_TIMEOUT:
                log_idle_sign_out(request)
                logout(request)  # the user becomes anonymous for the rest of this request
                messages.info(request, gettext("You were signed out after a long time without activity."))
            else:
                request.session[self.SESSION_KEY] = now
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """With STAFF_REQUIRE_2FA on (the default), staff reach the admin only after setting up two-factor auth."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_REQUIRE_2FA and request.path.startswith("/admin/"):
            user = request.user
            if user.is_authenticated and user.is_staff and not has_authenticator_app(user):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def has_authenticator_app(user):
    """Whether the user signs in with a code from an authenticator app (recovery codes alone do not count)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, [Authenticator.Type.TOTP])
