"""Create a member of city staff who can open the admin at once.

Django's `createsuperuser` makes a user whose e-mail address allauth has not confirmed, so the admin's sign-in stops
them at the confirmation step. This command also confirms the address and puts the person in the Moderators group.
The password is asked for twice, or read from DJANGO_STAFF_PASSWORD with --no-input; never from the command line,
where other users of the machine and the shell history would see it.
"""

import getpass
import os
import sys

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from partnerships.review.permissions import MODERATORS_GROUP

PASSWORD_VARIABLE = "DJANGO_STAFF_PASSWORD"  # noqa: S105 (the variable's name, not a password)


def _address_taken(email):
    return CommandError(_("A user with the e-mail address %(email)s already exists.") % {"email": email})


class Command(BaseCommand):
    help = (
        "Create a member of staff in the Moderators group, with a confirmed e-mail address. The password is asked "
        f"for, or read from {PASSWORD_VARIABLE} with --no-input."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("email", help="The e-mail address the person signs in with.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the portal's e-mails to them.",
        )
        parser.add_argument(
            "--superuser", action="store_true", help="Also give every permission (for the portal's administrators)."
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask for nothing: the password comes from the environment variable {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, email, first_name, last_name, language, superuser, interactive, **options):
        User = get_user_model()
        email = User.objects.normalize_email(email.strip())
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(_("“%(email)s” is not an e-mail address.") % {"email": email}) from None
        # allauth finds a person by any of their addresses, whatever its case.
        users, addresses = User.objects.filter(email__iexact=email), EmailAddress.objects.filter(email__iexact=email)
        if users.exists() or addresses.exists():
            raise _address_taken(email)
        try:
            moderators = Group.objects.get(name=MODERATORS_GROUP)
        except Group.DoesNotExist:
            message = _("The %(group)s group is missing: run “manage.py migrate” first.")
            raise CommandError(message % {"group": MODERATORS_GROUP}) from None

        user = User(
            email=email,
            first_name=first_name,
            last_name=last_name,
            language=language,
            is_staff=True,
            is_superuser=superuser,
        )
        if interactive:
            password = self._ask_password(user, options.get("stdin") or sys.stdin)
        else:
            password = self._password_from_environment(user)
        user.set_password(password)

        try:
            # The user, the group and the confirmed address together, or nothing (another process may have just
            # created a user with this address: the unique e-mail column refuses the second).
            with transaction.atomic():
                user.save()
                user.groups.add(moderators)
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        except IntegrityError:
            raise _address_taken(email) from None

        self.stdout.write(
            self.style.SUCCESS(
                _("%(email)s is now staff in the %(group)s group, with a confirmed e-mail address.")
                % {"email": email, "group": MODERATORS_GROUP}
            )
        )
        if settings.STAFF_REQUIRE_2FA:
            self.stdout.write(_("On their first visit to /admin/ they set up two-factor authentication."))

    def _ask_password(self, user, stdin):
        if not (hasattr(stdin, "isatty") and stdin.isatty()):
            raise CommandError(
                _("No terminal to ask for the password in: use --no-input with the password in %(variable)s.")
                % {"variable": PASSWORD_VARIABLE}
            )
        while True:
            password = getpass.getpass(_("Password: "))
            if not password:
                self.stderr.write(_("The password may not be empty."))
                continue
            if getpass.getpass(_("Password (again): ")) != password:
                self.stderr.write(_("The two passwords differ."))
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write("\n".join(error.messages))
                continue
            return password

    def _password_from_environment(self, user):
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(
                _("With --no-input the password comes from the environment variable %(variable)s, which is not set.")
                % {"variable": PASSWORD_VARIABLE}
            )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
