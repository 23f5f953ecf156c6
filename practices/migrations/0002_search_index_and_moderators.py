from django.db import migrations

from partnerships.permissions import grant_moderators

MODERATOR_PERMISSIONS = {
    "practices": [
        "view_goodpractice",
        "change_goodpractice",
        "view_historicalgoodpractice",
        "view_practicephoto",
        "add_practicephoto",
        "change_practicephoto",
        "delete_practicephoto",
        "view_practicerevision",
        "change_practicerevision",
        "view_problemreport",
        "change_problemreport",
    ],
}

# The expression must be the one GoodPracticeQuerySet.search() filters on, so that PostgreSQL uses the index.
CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS practice_search_gin ON practices_goodpractice "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
)
DROP_INDEX = "DROP INDEX IF EXISTS practice_search_gin"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


def grant(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("partnerships", "0003_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
