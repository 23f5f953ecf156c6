from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from partnerships.models import Company, CompanyRevision
        from partnerships.review import waiting

        waiting.register(Company, since_field="submitted_at")
        waiting.register(CompanyRevision, waiting=lambda: CompanyRevision.objects.waiting_for_staff())
