from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from partnerships.models import Company
        from partnerships.review import waiting

        waiting.register(Company, since_field="submitted_at")
