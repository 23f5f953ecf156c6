from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # Without REDIS_URL, anonymous visitors' pages have a database cache table of their own (settings.CACHES
    # "pages"); createcachetable makes the tables that are missing.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_moderators_view_mail")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
