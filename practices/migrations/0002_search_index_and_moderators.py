from django.db import migrations

from partnerships.review.permissions import grant_moderators

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

# PostgreSQL only: a stored tsvector of the normalised text (words without diacritics), kept up to date by the
# database itself, and a GIN index on it. GoodPracticeQuerySet.search() queries this column; the model does not
# declare it because SQLite has no equivalent (there the search compares the text column directly).
CREATE = [
    "ALTER TABLE practices_goodpractice ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(search_text, ''))) STORED",
    "CREATE INDEX practice_search_gin ON practices_goodpractice USING gin (search_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS practice_search_gin",
    "ALTER TABLE practices_goodpractice DROP COLUMN IF EXISTS search_vector",
]


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


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
