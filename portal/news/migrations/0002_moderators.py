from django.db import migrations

from partnerships.review.permissions import grant_moderators

MODERATOR_PERMISSIONS = {"news": ["view_newsitem", "add_newsitem", "change_newsitem", "delete_newsitem"]}


def grant(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("partnerships", "0003_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
