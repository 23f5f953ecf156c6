from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        from partnerships import review
        from partnerships.dashboard import register_panel
        from practices.models import GoodPractice, ProblemReport

        review.register(
            GoodPractice, waiting=lambda: GoodPractice.objects.waiting_for_staff(), since_field="waiting_since"
        )
        review.register(ProblemReport, waiting=lambda: ProblemReport.objects.unresolved(), since_field="created_at")
        register_panel("practices/_dashboard_panel.html", order=30)
