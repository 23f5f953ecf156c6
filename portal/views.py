import json
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from partnerships import access
from partnerships.announcements import models as announcements
from partnerships.models import Company
from portal import personal_data
from portal.forms import DeleteAccountForm
from portal.lib.page_cache import public_page
from portal.middleware import database_outage, has_authenticator_app, outage_response
from portal.news.models import NewsItem
from portal.security import log_refused

HOME_NEWS = 3


def server_error(request):
    """handler500: an error that is the database going away (a connection cut in a middleware, or while the answer
    is finished) is the outage's 503 page, logged once without a traceback; anything else is Django's 500 page."""
    error = database_outage(sys.exc_info()[1])
    if error is not None:
        return outage_response(error, request)
    return defaults.server_error(request)


@public_page
def home(request):
    context = {
        "partner_count": Company.objects.verified().count(),
        "news": list(NewsItem.objects.public()[:HOME_NEWS]),
    }
    return render(request, "portal/home.html", context)


@public_page
def about(request):
    return render(request, "portal/about.html")


@public_page
def accessibility(request):
    return render(request, "portal/accessibility.html", {"statement": _accessibility_facts()})


@public_page
def privacy(request):
    return render(
        request,
        "portal/privacy.html",
        {
            "controller_name": settings.PORTAL_CONTROLLER_NAME,
            "controller_address": settings.PORTAL_CONTROLLER_ADDRESS,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
            "dpo_email": settings.DPO_EMAIL,
            "log_days": settings.SECURITY_LOG_RETENTION_DAYS,
            "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
            "mail_days": settings.MAIL_RETENTION_DAYS,
        },
    )


def _accessibility_facts():
    return {
        "controller_name": settings.PORTAL_CONTROLLER_NAME,
        "site_url": settings.SITE_URL,
        "published": settings.ACCESSIBILITY_PUBLISHED,
        "updated": settings.ACCESSIBILITY_UPDATED,
        "prepared": settings.ACCESSIBILITY_PREPARED,
        "reviewed": settings.ACCESSIBILITY_REVIEWED,
        "contact_name": settings.ACCESSIBILITY_CONTACT_NAME,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
        "address": settings.PORTAL_CONTROLLER_ADDRESS,
    }


@login_required
def account_settings(request):
    context = {
        "has_two_factor": has_authenticator_app(request.user),
        "receives_announcements": announcements.receives_announcements(request.user),
    }
    return render(request, "account/settings.html", context)


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch, which also remembers a signed-in user's choice for e-mails.

    Anonymous visitors' pages carry no CSRF token, so that they can be cached (portal/lib/page_cache.py). For them
    the switch does nothing but set the language cookie, and it is refused when the browser says the form came from
    another site (the Origin header every current browser sends with a POST, or Sec-Fetch-Site). A signed-in user's
    choice is also saved on their account: their switch carries a token, checked as on every other form.
    """
    if request.user.is_authenticated:
        return _set_account_language(request)
    if not _posted_from_this_site(request):
        raise PermissionDenied("language switch posted from another site")
    return django_set_language(request)


@csrf_protect
def _set_account_language(request):
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def _posted_from_this_site(request):
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser's cross-site form: those send Origin
    own = f"{request.scheme}://{request.get_host()}"
    return origin in (own, *settings.CSRF_TRUSTED_ORIGINS)


@login_required
def account_data(request):
    form = DeleteAccountForm(user=request.user)
    return _account_data_page(request, form, personal_data.deletion_consequences(request.user))


def _account_data_page(request, form, consequences, status=200):
    context = {"form": form, "consequences": consequences, "log_days": settings.SECURITY_LOG_RETENTION_DAYS}
    return render(request, "portal/account_data.html", context, status=status)


@login_required
def account_export(request):
    data = personal_data.collect(request.user)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
def account_delete(request):
    user = request.user
    consequences = personal_data.deletion_consequences(user)
    form = DeleteAccountForm(request.POST, user=user)
    blocked = any(blocking for _message, blocking in consequences)
    if blocked or not form.is_valid():
        if blocked:
            messages.error(request, _("Your account cannot be deleted yet. See below what to do first."))
        return _account_data_page(request, form, consequences, status=400)
    language = user.language
    # The user and everything that hangs on them go together or not at all.
    with transaction.atomic():
        logout(request)
        personal_data.delete_account(user)
    with translation.override(language):
        messages.success(request, _("Your account and your personal data have been deleted."))
    return redirect("home")


def permission_denied(request, exception=None):
    log_refused(request, reason=str(exception) if exception else "permission denied")
    # Refusals by the company rule say why, in the visitor's language; any other 403 says nothing more.
    reason = str(exception) if isinstance(exception, access.NotAllowed) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def too_many_requests(request, exception=None):
    log_refused(request, reason="rate limit")
    return render(request, "429.html", status=429)
