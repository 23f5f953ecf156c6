from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from partnerships import review
        from partnerships.dashboard import register_panel
        from partnerships.models import Application, Company

        review.register(Company, since_field="submitted_at")
        # An application's name includes its form's title: the page joins the form so it costs one query.
        review.register(
            Application,
            waiting=lambda: Application.objects.filter(status__in=Application.WORKFLOW.waiting).select_related("form"),
        )
        register_panel("partnerships/cooperation/_dashboard_applications.html", order=20)

        from partnerships import services
        from portal import personal_data

        personal_data.register_deletion_check(services.deletion_consequences)

        from partnerships import cooperation

        personal_data.register("cooperation_applications", cooperation.personal_data)
