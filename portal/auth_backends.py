"""The authentication backends: Django's and allauth's, reading the signed-in person with their membership and its
company in the one query that loads the user on every request (partnerships.models.membership_of then asks nothing).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _UserWithCompany:
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("membership__company")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class PortalModelBackend(_UserWithCompany, ModelBackend):
    """Django's backend (the admin's sign-in form, force_login in tests)."""


class PortalAllauthBackend(_UserWithCompany, AllauthBackend):
    """allauth's backend (sign-in by e-mail address)."""
