from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from partnerships.climate.api import api as climate_api
from partnerships.review import waiting_page
from portal import views

# The admin signs in through allauth, so its login shares the site's rate limits and two-factor step.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = format_lazy("Klimat Kraków — {}", _("Staff panel"))
admin.site.site_title = "Klimat Kraków"
# The "waiting for staff" page, /admin/waiting/.
waiting_page.install(admin.site)

handler403 = "portal.views.permission_denied"
# A database outage met outside a view is a 503, not a 500 (portal.middleware.DatabaseOutageMiddleware).
handler500 = "portal.views.server_error"
# Django itself has no handler429: allauth looks it up here for the page its rate limits answer with.
handler429 = "portal.views.too_many_requests"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/settings/", views.account_settings, name="account_settings"),
    path("accounts/data/", views.account_data, name="account_data"),
    path("accounts/data/export/", views.account_export, name="account_export"),
    path("accounts/data/delete/", views.account_delete, name="account_delete"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("partnerships.urls")),
    path("", include("partnerships.cooperation.urls")),
    path("", include("practices.urls")),
    path("", include("initiatives.urls")),
    path("", include("partnerships.climate.urls")),
    path("", include("partnerships.announcements.urls")),
    path("", include("portal.news.urls")),
    path("", include("partnerships.climate.public_urls")),
    path("", include("partnerships.climate.open_data_urls")),
    path("api/v1/", climate_api.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
