from django.db import migrations

# PostgreSQL only, as SQLite (before 3.30) cannot index NULLS LAST: the order of "most CO2 avoided first", so that a
# page of that list reads the page's rows from an index rather than sorting every published practice.
CREATE = (
    "CREATE INDEX practice_status_co2 ON practices_goodpractice "
    "(status, co2_tonnes_per_year DESC NULLS LAST, published_at DESC, id DESC)"
)
DROP = "DROP INDEX IF EXISTS practice_status_co2"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("practices", "0005_one_open_revision_per_practice")]

    operations = [migrations.RunPython(create_index, drop_index)]
