from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        from partnerships.review import waiting
        from practices.models import GoodPractice, ProblemReport

        waiting.register(
            GoodPractice, waiting=lambda: GoodPractice.objects.waiting_for_staff(), since_field="waiting_since"
        )
        waiting.register(ProblemReport, waiting=lambda: ProblemReport.objects.unresolved(), since_field="created_at")
