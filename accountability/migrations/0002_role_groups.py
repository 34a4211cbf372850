"""Creates the four role groups (city supervisor, district supervisor, department officer,
read-only auditor) with the permissions listed in accountability/services/roles.py."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from accountability.services.roles import sync_groups

    sync_groups(apps)


def remove_groups(apps, schema_editor):
    from accountability.services.roles import GROUP_NAMES

    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0003_admin_managed"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
