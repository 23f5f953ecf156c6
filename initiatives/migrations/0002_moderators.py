from django.db import migrations

from partnerships.review.permissions import grant_moderators

MODERATOR_PERMISSIONS = {
    "initiatives": [
        "view_initiative",
        "add_initiative",
        "change_initiative",
        "view_participation",
        "change_participation",
        "view_ride",
        "change_ride",
        "delete_ride",
    ],
}


def grant(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("partnerships", "0003_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
