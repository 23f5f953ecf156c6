"""The admin's "waiting for staff" page (`/admin/waiting/`, URL name `admin:waiting`).

Everything registered in `partnerships.review.waiting`, oldest first, limited to the models the member of staff may see.
`install(admin.site)` adds the page to an admin site's URLs.
"""

from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnerships.review import waiting


def waiting_view(request, site):
    # One query per visible registered model (with its assignee and company joined).
    items = waiting.waiting_items(user=request.user)
    context = {
        **site.each_context(request),
        "title": _("Waiting for staff"),
        "items": items,
    }
    return TemplateResponse(request, "admin/waiting.html", context)


def install(site):
    """Add the waiting page in front of `site`'s own URLs."""
    original_get_urls = site.get_urls

    def get_urls():
        def view(request):
            return waiting_view(request, site)

        return [path("waiting/", site.admin_view(view), name="waiting"), *original_get_urls()]

    site.get_urls = get_urls
