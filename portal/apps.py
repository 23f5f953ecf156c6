from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The models whose rows public pages show live in these apps (the review and cooperation models keep the
# `partnerships` label). A save or delete of any of them renews the cached pages (portal/lib/page_cache.py), except
# these, which no public page shows; a staff note or a resident's problem report must not empty the cache.
PUBLIC_CONTENT_APPS = {"partnerships", "practices", "initiatives", "news", "climate"}
NOT_ON_PUBLIC_PAGES = {
    "partnerships.StaffNote",
    "partnerships.ReasonTemplate",
    "partnerships.Invitation",
    "partnerships.JoinRequest",
    "practices.ProblemReport",
    "climate.Evidence",
    "climate.Reminder",
}


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import security  # noqa: F401  (connects the sign-in log receivers)
        from portal.lib import page_cache

        page_cache.watch(
            model
            for model in apps.get_models()
            if model._meta.app_label in PUBLIC_CONTENT_APPS and model._meta.label not in NOT_ON_PUBLIC_PAGES
        )
