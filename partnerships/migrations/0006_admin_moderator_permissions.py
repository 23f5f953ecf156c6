"""Moderators keep the library of reusable reason texts they pick from when deciding."""

from django.db import migrations

from partnerships.review.permissions import grant_moderators

REASON_TEMPLATE_PERMISSIONS = {
    "partnerships": ["view_reasontemplate", "add_reasontemplate", "change_reasontemplate"],
}


def grant(apps, schema_editor):
    grant_moderators(apps, REASON_TEMPLATE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_cooperation"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
