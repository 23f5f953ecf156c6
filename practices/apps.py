from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        from partnerships import next_steps
        from partnerships.review import waiting
        from practices.models import GoodPractice, ProblemReport
        from practices.next_steps import practice_steps, revision_steps

        waiting.register(
            GoodPractice, waiting=lambda: GoodPractice.objects.waiting_for_staff(), since_field="waiting_since"
        )
        waiting.register(ProblemReport, waiting=lambda: ProblemReport.objects.unresolved(), since_field="created_at")
        next_steps.register(practice_steps)
        next_steps.register(revision_steps)
