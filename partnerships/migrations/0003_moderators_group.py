from django.db import migrations

from partnerships.review.permissions import grant_moderators

MODERATOR_PERMISSIONS = {
    "partnerships": [
        "view_company",
        "change_company",
        "view_historicalcompany",
        "view_membership",
        "view_joinrequest",
        "view_reviewevent",
        "view_staffnote",
        "add_staffnote",
    ],
    "portal": ["view_user"],
}


def create_group(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_initial"),
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
