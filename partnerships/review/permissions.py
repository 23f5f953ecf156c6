"""The Moderators group: staff who review what companies send. Migrations of every app grant it what it needs."""

from django.contrib.auth.management import create_permissions

MODERATORS_GROUP = "Moderators"


def grant_moderators(apps, codenames_by_app):
    """Give the Moderators group the named permissions, creating the group and the permissions if needed.

    `codenames_by_app` maps an app label to permission codenames, e.g. {"partnerships": ["change_company"]}.
    """
    for app_label in codenames_by_app:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    for app_label, codenames in codenames_by_app.items():
        perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found for {app_label}: {sorted(missing)}")
        group.permissions.add(*perms)
