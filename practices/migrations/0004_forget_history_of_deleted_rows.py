"""The history rule applied to what was deleted before it (see partnerships 0010): the history of good practices
that no longer exist goes, and references to users who no longer exist (who made a change, `author`, `assignee`) are
cleared. The reverse does nothing.
"""

from django.conf import settings
from django.db import migrations


def forget(apps, schema_editor):
    users = apps.get_model(settings.AUTH_USER_MODEL).objects.values("pk")
    model = apps.get_model("practices", "GoodPractice")
    history = apps.get_model("practices", "HistoricalGoodPractice")
    history.objects.exclude(id__in=model.objects.values("pk")).delete()
    for field in history._meta.concrete_fields:
        if field.is_relation and field.related_model._meta.label_lower == settings.AUTH_USER_MODEL.lower():
            column = field.attname
            history.objects.filter(**{f"{column}__isnull": False}).exclude(**{f"{column}__in": users}).update(
                **{column: None}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0003_stored_html_and_text_limits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
