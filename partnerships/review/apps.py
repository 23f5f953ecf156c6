from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The review workflow every app uses. Its models keep the `partnerships` app label (and so their tables)."""

    name = "partnerships.review"
    label = "review"
    verbose_name = _("Review")
