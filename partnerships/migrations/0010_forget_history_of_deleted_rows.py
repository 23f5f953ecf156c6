"""The history rule applied to what was deleted before it (numbered 0010: 0009 is left to another branch).

Until now deleting a company, a membership or an application left its history of changes behind, with the company's
name, NIP and texts; now the history goes with the row (`cascade_delete_history`). This deletes the history of rows
that no longer exist, and clears every reference to a user who no longer exists (who made a change, `created_by`,
`assignee`, a membership's `user`). Nothing to undo: the reverse does nothing.
"""

from django.conf import settings
from django.db import migrations

MODELS = ("Company", "Membership", "Application")


def forget(apps, schema_editor):
    users = apps.get_model(settings.AUTH_USER_MODEL).objects.values("pk")
    for name in MODELS:
        model = apps.get_model("partnerships", name)
        history = apps.get_model("partnerships", f"Historical{name}")
        history.objects.exclude(id__in=model.objects.values("pk")).delete()
        for field in history._meta.concrete_fields:
            if field.is_relation and field.related_model._meta.label_lower == settings.AUTH_USER_MODEL.lower():
                column = field.attname
                history.objects.filter(**{f"{column}__isnull": False}).exclude(**{f"{column}__in": users}).update(
                    **{column: None}
                )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0009_companyrevision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
