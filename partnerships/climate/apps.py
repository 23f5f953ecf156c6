from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    """Climate results: emission factors and the Climate Pact signatories' yearly reports, reviewed by staff."""

    name = "partnerships.climate"
    label = "climate"
    verbose_name = _("Climate results")

    def ready(self):
        from partnerships import next_steps
        from partnerships.climate.models import Report
        from partnerships.climate.next_steps import report_steps
        from partnerships.review import waiting

        waiting.register(Report)
        next_steps.register(report_steps)
