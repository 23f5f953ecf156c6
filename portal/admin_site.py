"""The staff panel: Django's admin site, with "View on site" leading to the page at SITE_URL.

Django's own "View on site" takes the host from the sites framework, whose default site is example.com.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path


class PortalAdminSite(admin.AdminSite):
    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *urls,
        ]

    def view_on_site(self, request, content_type_id, object_id):
        from django.contrib.contenttypes.models import ContentType

        model = get_object_or_404(ContentType, pk=content_type_id).model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            raise Http404
        try:
            obj = model._base_manager.get(pk=object_id)
        except (model.DoesNotExist, ValidationError, ValueError):
            raise Http404 from None
        return redirect(settings.SITE_URL + obj.get_absolute_url())


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
