from django.db import migrations

from partnerships.review.permissions import grant_moderators

MODERATOR_PERMISSIONS = {
    "announcements": [
        "view_announcement",
        "add_announcement",
        "change_announcement",
        "delete_announcement",
        "send_announcement",
        "view_recipient",
    ],
}


def grant(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("announcements", "0001_initial"),
        ("partnerships", "0003_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
