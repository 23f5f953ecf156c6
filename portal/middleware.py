import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from portal.security import log_idle_sign_out

outage_logger = logging.getLogger("portal.outage")

# What the database driver raises when the server is down, restarting or dropped the connection.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds a visitor (or a crawler) is asked to wait before trying again.
OUTAGE_RETRY_AFTER = 60
# While the database stays away, the log is reminded of it at most this often (per process).
OUTAGE_LOG_COOL_DOWN = 300


class _Outage:
    """This process's view of the database: when the current outage was last logged (time.monotonic()), or None
    while the database answers."""

    logged_at = None


def note_outage(error):
    """Log the outage once, not once per request: again only after OUTAGE_LOG_COOL_DOWN seconds."""
    now = time.monotonic()
    if _Outage.logged_at is None or now - _Outage.logged_at >= OUTAGE_LOG_COOL_DOWN:
        outage_logger.error(
            "The database is unreachable (%s: %s); pages answer 503 until it is back.",
            type(error).__name__,
            " ".join(str(error).split()),  # the driver's message may span lines: one line in the log
        )
        _Outage.logged_at = now


def note_database_answered():
    if _Outage.logged_at is not None:
        _Outage.logged_at = None
        outage_logger.warning("The database answers again.")


def database_outage(exception):
    """The database error behind `exception` (itself, or what it was raised from) if the database is unreachable,
    else None."""
    seen = 0
    while exception is not None and seen < 10:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return exception
        exception, seen = exception.__cause__ or exception.__context__, seen + 1
    return None


def outage_response(error, request):
    """The short 503 page in the visitor's language, with Retry-After; the outage logged once (note_outage)."""
    note_outage(error)
    language = visitor_language(request)
    with translation.override(language):
        html = render_to_string("503.html", {"path": request.get_full_path()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    response.database_unavailable = True
    # Django logs every response of 500 and above ("Service Unavailable: /path", or a traceback when the response is
    # its handler500's), one line per request; note_outage has logged this outage already. The attribute is how
    # Django marks a logged response.
    response._has_been_logged = True
    return response


def visitor_language(request):
    """The language LanguageMiddleware would choose: the language switch's cookie, else Polish. No database."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


class DatabaseOutageMiddleware:
    """While the database is unreachable, every page is a short 503 in the visitor's language with Retry-After,
    logged once per outage; the portal is back by itself as soon as the database answers.

    It sits before the session and authentication middleware, which read the database: a request first opens the
    connection here (Django would open it at the first query anyway), and a failure to connect is answered at once,
    touching nothing else. A connection lost later, in a view, is caught by process_exception; lost in another
    middleware (the session, the user) or on the way out, by the portal's handler500 (portal.views.server_error),
    which gives the same page. The page is rendered without a request, so no context processor, session or user
    lookup runs. /healthz checks the database itself and keeps answering in JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.checks_itself = None

    def __call__(self, request):
        if self.checks_itself is None:
            self.checks_itself = {reverse("healthz")}
        if request.path_info not in self.checks_itself:
            try:
                # A persistent connection (CONN_MAX_AGE) the server dropped fails Django's health check, which
                # Django would run at the first query anyway; done here, it is replaced or refused before the
                # session and the user are read.
                connection.close_if_health_check_failed()
                connection.ensure_connection()
            except DATABASE_UNAVAILABLE as error:
                return outage_response(error, request)
        response = self.get_response(request)
        if not getattr(response, "database_unavailable", False) and request.path_info not in self.checks_itself:
            note_database_answered()
        return response

    def process_exception(self, request, exception):
        error = database_outage(exception)
        return outage_response(error, request) if error is not None else None


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
    member can only change their own company. The time of the staff member's requests is kept in the session, to
    the minute: it is written when the one kept is a minute old or more, so that staff's pages do not write the
    session (three queries) on every request; the sign-out comes at most a minute early.
    """

    SESSION_KEY = "portal_staff_last_activity"
    RESOLUTION = 60  # seconds

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
            elif self.SESSION_KEY not in request.session or now - last >= self.RESOLUTION:
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
