"""The three administrator roles (三员分立) as groups with stable codes (portal/security/roles.py)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from portal.security.roles import sync_roles

    sync_roles(apps)


def remove_roles(apps, schema_editor):
    AdminRole = apps.get_model("security", "AdminRole")
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(pk__in=AdminRole.objects.values("group_id")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_initial"),
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
