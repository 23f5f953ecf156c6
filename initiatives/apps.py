from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from initiatives.models import Participation
        from partnerships.review import waiting

        # A company on the waiting list waits for a place: staff may raise the capacity or decide otherwise.
        waiting.register(Participation, waiting=lambda: Participation.objects.waiting(), since_field="created_at")
