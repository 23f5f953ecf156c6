from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from partnerships import review
        from partnerships.models import Company

        review.register(Company, since_field="submitted_at")

        from partnerships import services
        from portal import personal_data

        personal_data.register_deletion_check(services.deletion_consequences)
