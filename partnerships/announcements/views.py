import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from partnerships.announcements import models, sending

# What signing.dumps makes (URL-safe base64 and ":"), and no longer than a token of the portal's ever is.
TOKEN = re.compile(r"[A-Za-z0-9_:.-]{1,200}")


def _announcement_for(request, pk):
    """A sent announcement the signed-in person's company received, or 404 for anyone else (staff read it in the
    admin). Every page of an announcement decides access here."""
    return get_object_or_404(models.visible_to(request.user), pk=pk)


@login_required
def detail(request, pk):
    announcement = _announcement_for(request, pk)
    language = translation.get_language()
    return render(
        request,
        "announcements/detail.html",
        {"announcement": announcement, "polish_text": announcement.shows_polish_in(language)},
    )


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" here without a session or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every announcement: GET asks to confirm (a link checker opening it changes nothing), POST turns
    announcements off. The signed token is the only key; it can do nothing but this. The pages speak the person's
    language."""
    user = sending.user_for_token(token) if TOKEN.fullmatch(token) else None
    if user is None:
        return render(request, "announcements/unsubscribe_invalid.html", status=404)
    with translation.override(user.language):
        if request.method == "POST":
            models.set_receives_announcements(user, False)
            response = render(request, "announcements/unsubscribed.html", {"email": user.email})
        else:
            context = {"email": user.email, "receives": models.receives_announcements(user)}
            response = render(request, "announcements/unsubscribe.html", context)
        response["Content-Language"] = user.language
    return response


@login_required
@require_POST
def preferences(request):
    """The switch in the account settings."""
    receive = request.POST.get("receive") == "1"
    models.set_receives_announcements(request.user, receive)
    if receive:
        messages.success(request, _("You will receive the city's announcements again."))
    else:
        messages.success(request, _("You will no longer receive the city's announcements."))
    return redirect("account_settings")
