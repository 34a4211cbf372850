"""Lets the four roles search staff-only records (search.search_staff); what each user then
finds is limited to their jurisdiction by the ``search_staff_jurisdictions`` hook."""

from django.db import migrations

GROUPS = ["市级监管人员", "区县监管人员", "行业部门人员", "只读审计人员"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="search", model="indexentry")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="search_staff",
        defaults={"name": "Can search staff-only documents"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="search", codename="search_staff"
    ).first()
    if permission:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0002_role_groups"),
        ("search", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
