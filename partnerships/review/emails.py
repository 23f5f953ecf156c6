"""The review workflow's e-mails: a decision to the company's people, a new submission to the Moderators group."""

from django.conf import settings
from django.contrib.auth import get_user_model

from partnerships.review.permissions import MODERATORS_GROUP
from portal.lib.mail import absolute_url, send


def moderators():
    User = get_user_model()
    return list(User.objects.filter(is_active=True, is_staff=True, groups__name=MODERATORS_GROUP).distinct())


def send_decision(obj, event):
    """A staff decision on a company, application, practice…, to the company's members."""
    return send(
        "decision",
        obj.notification_recipients(),
        {"object": obj, "event": event, "url": settings.SITE_URL + obj.get_dashboard_url()},
    )


def send_new_submission(obj, event=None):
    """Something new waits for review (a transition, or a company just registered): tell the Moderators group,
    with a link to everything that waits."""
    opts = obj._meta
    context = {
        "object": obj,
        "event": event,
        "object_url": absolute_url(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk),
        "url": absolute_url("admin:waiting"),
    }
    return send("new_submission", moderators(), context)
