from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """The cooperation catalogue and applications. The models keep the `partnerships` app label (and tables)."""

    name = "partnerships.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation forms")

    def ready(self):
        from partnerships import next_steps
        from partnerships.cooperation.models import Application
        from partnerships.cooperation.next_steps import application_steps
        from partnerships.review import waiting
        from partnerships.review.models import COMPANY_HISTORY_MODELS

        COMPANY_HISTORY_MODELS.append(Application)  # the dashboard's panel of applications shows their history

        # An application's name includes its form's title: the page joins the form so it costs one query.
        waiting.register(
            Application,
            waiting=lambda: Application.objects.filter(status__in=Application.WORKFLOW.waiting).select_related("form"),
        )
        next_steps.register(application_steps)
