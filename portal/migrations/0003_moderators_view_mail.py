"""The Moderators group may read the outgoing mail queue in the admin (django-post-office's e-mails and their
delivery logs), so that staff see a message the mail server keeps refusing. Reading only: the requeue action and
changes stay with the administrators."""

from django.db import migrations

from partnerships.review.permissions import grant_moderators

MODERATOR_PERMISSIONS = {"post_office": ["view_email", "view_log"]}


def grant(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_cache_table"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
        ("partnerships", "0003_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
