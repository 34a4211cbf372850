"""The four staff roles as a table: group name and the permissions each role gets.

A data migration creates the groups from this table (``sync_groups``); the workflow tables
refer to the same role keys. Nobody gets "delete": records are archived, never deleted.

A role is tied to its group by a :class:`~accountability.models.StaffRole` row (the
role's code), never by the group's name: ``GROUP_NAMES`` only names a group when it is
first created, and admins may rename it without the role going away."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from ..models import StaffRole

CITY, DISTRICT, DEPARTMENT, AUDITOR = (
    "city_supervisor",
    "district_supervisor",
    "department_officer",
    "auditor",
)
SUPERVISORS = (CITY, DISTRICT)

# Names given to the groups when sync_groups creates them (what admins see in Wagtail's
# group list, in Chinese like the rest of the UI); renaming a group later keeps its role.
GROUP_NAMES = {
    CITY: "市级监管人员",
    DISTRICT: "区县监管人员",
    DEPARTMENT: "行业部门人员",
    AUDITOR: "只读审计人员",
}

ALL_MODELS = [
    "jurisdiction",
    "industry",
    "staffprofile",
    "calendarday",
    "enterprise",
    "ratingcriterion",
    "inspectionfrequency",
    "rating",
    "downgradeproposal",
    "interview",
    "hazard",
    "supervisioncase",
    "assessment",
    "checklist",
    "responsibilitylist",
    "fulfilmentrecord",
    "auditentry",
    "changerequest",  # read-only in the admin; filed and decided through services.changes
    "tipoff",  # filed by the public; handled by supervisors through services.workflow
]
REFERENCE = ["industry", "calendarday", "ratingcriterion", "inspectionfrequency"]
CASEWORK = [
    "enterprise",
    "rating",
    "downgradeproposal",
    "interview",
    "hazard",
    "supervisioncase",
    "assessment",
    "checklist",
    "responsibilitylist",
    "fulfilmentrecord",
]

PERMISSIONS = {
    # model -> actions, per role
    CITY: {
        **dict.fromkeys(ALL_MODELS, ("view",)),
        **dict.fromkeys(CASEWORK + REFERENCE, ("view", "add", "change")),
        "jurisdiction": ("view", "add", "change"),
        "staffprofile": ("view", "add", "change"),
        "tipoff": ("view", "change"),
    },
    DISTRICT: {
        **dict.fromkeys(ALL_MODELS, ("view",)),
        **dict.fromkeys(CASEWORK, ("view", "add", "change")),
        "tipoff": ("view", "change"),  # reports come from the public form, never "add"
    },
    DEPARTMENT: {
        **{m: ("view",) for m in ALL_MODELS if m not in ("auditentry", "staffprofile", "tipoff")},
        "hazard": ("view", "add", "change"),
        "responsibilitylist": ("view", "add", "change"),
        "fulfilmentrecord": ("view", "add", "change"),
        "checklist": ("view", "change"),
    },
    AUDITOR: dict.fromkeys(ALL_MODELS, ("view",)),
}

# Permissions of other apps every role holds: searching the staff-only records (granted by
# migration 0003; kept here so a later re-sync of the groups does not drop it).
SHARED_PERMISSIONS = [("search", "search_staff")]


def user_roles(user) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return set(StaffRole.objects.filter(group__user=user).values_list("code", flat=True))


def role_group(role, apps=None):
    """The group that carries ``role`` (a role code), or None."""
    StaffRole = _model(apps, "accountability", "StaffRole")
    found = StaffRole.objects.filter(code=role).select_related("group").first()
    return found.group if found else None


def role_groups(roles=None, apps=None):
    """Groups of ``roles`` (all four roles by default), as a queryset."""
    Group = _model(apps, "auth", "Group")
    return Group.objects.filter(accountability_role__code__in=roles or list(GROUP_NAMES))


def _model(apps, app_label, name):
    """The model from the migration's historical ``apps`` when given, else the current one."""
    return (apps or global_apps).get_model(app_label, name)


def ensure_group(role, apps=None):
    """The role's group, created (named from GROUP_NAMES) with its StaffRole row when
    missing. Before the StaffRole table exists (early migrations) groups go by name."""
    Group = _model(apps, "auth", "Group")
    try:
        StaffRole = _model(apps, "accountability", "StaffRole")
    except LookupError:
        return Group.objects.get_or_create(name=GROUP_NAMES[role])[0]
    found = StaffRole.objects.filter(code=role).select_related("group").first()
    if found:
        return found.group
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
    StaffRole.objects.create(code=role, group=group)
    return group


def has_role(user, roles) -> bool:
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return bool(user_roles(user) & set(roles))


def sync_groups(apps):
    """Create/update the four groups with exactly the permissions of the table.

    Models that do not exist yet at the migration that calls this are skipped; the
    migration that adds such a model grants its permissions (``grant_model``)."""
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    access = Permission.objects.filter(codename="access_admin").first()
    for role, table in PERMISSIONS.items():
        group = ensure_group(role, apps)
        perms = [access] if access else []
        for app_label, codename in SHARED_PERMISSIONS:
            perms.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        for model, actions in table.items():
            try:
                apps.get_model("accountability", model)
            except LookupError:
                continue
            for action in actions:
                perms.append(
                    Permission.objects.get(
                        content_type__app_label="accountability", codename=f"{action}_{model}"
                    )
                )
        group.permissions.set(perms)


def grant_model(apps, model):
    """Add the table's permissions on one model to each group (leaving the others)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, table in PERMISSIONS.items():
        try:
            group = role_group(role, apps)
        except LookupError:  # before the StaffRole table: groups still go by name
            group = Group.objects.filter(name=GROUP_NAMES[role]).first()
        if group is None:
            continue
        for action in table.get(model, ()):
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="accountability", codename=f"{action}_{model}"
                )
            )
