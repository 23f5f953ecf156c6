from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    """Climate results: emission factors and the Climate Pact signatories' yearly reports, reviewed by staff."""

    name = "partnerships.climate"
    label = "climate"
    verbose_name = _("Climate results")

    def ready(self):
        from partnerships.climate.models import Report
        from partnerships.review import waiting

        waiting.register(Report)
