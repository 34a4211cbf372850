"""The three administrator roles (三员分立) as a table: stable code, group name, and the
permissions each one gets. No role holds another's duties, and none can delete anything.

- system administrator: site and bureau settings, redirects;
- security administrator: accounts and groups (no delete: accounts are deactivated so the
  log keeps meaning), lockouts and two-factor resets;
- audit administrator: reads the security event log, nothing else.

A data migration creates the groups; ``sync_roles`` is safe to run again."""

from django.contrib.auth.management import create_permissions

SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN = "system_admin", "security_admin", "audit_admin"

ADMIN_ACCESS = "wagtailadmin.access_admin"

ROLES = {
    SYSTEM_ADMIN: {
        "name": "系统管理员",
        "permissions": [
            ADMIN_ACCESS,
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailcore.view_site",
            "core.change_bureausettings",
            "core.view_bureausettings",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.view_redirect",
        ],
    },
    SECURITY_ADMIN: {
        "name": "安全管理员",
        "permissions": [
            ADMIN_ACCESS,
            "auth.add_user",
            "auth.change_user",
            "auth.view_user",
            "auth.add_group",
            "auth.change_group",
            "auth.view_group",
            "security.manage_lockouts",
        ],
    },
    AUDIT_ADMIN: {
        "name": "审计管理员",
        "permissions": [ADMIN_ACCESS, "security.view_securityevent"],
    },
}


def sync_roles(apps):
    """Creates or updates the three groups and their permissions (exactly the table's)."""
    for app_config in apps.get_app_configs():
        # Permissions are normally created after migrations; the table needs them now.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    AdminRole = apps.get_model("security", "AdminRole")
    for code, role in ROLES.items():
        existing = AdminRole.objects.filter(code=code).select_related("group").first()
        if existing:
            group = existing.group
        else:
            group, _created = Group.objects.get_or_create(name=role["name"])
            AdminRole.objects.create(code=code, group=group)
        wanted = []
        for dotted in role["permissions"]:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
