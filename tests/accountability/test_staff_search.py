"""Supervisors search staff-only records of their own jurisdiction, never beyond it."""

import pytest

from search.admin_views import staff_jurisdictions

pytestmark = pytest.mark.django_db


def test_roles_may_search_staff_records(world):
    for role in ("city", "district", "department", "auditor"):
        assert world.users[role].has_perm("search.search_staff"), role


def test_re_syncing_the_role_groups_keeps_the_staff_search_permission(world):
    """Demo loading re-syncs the groups from the roles table (after a flush): the
    permission granted by a later migration must survive it."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from accountability.services.roles import GROUP_NAMES, sync_groups

    sync_groups(apps)
    for name in GROUP_NAMES.values():
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="search_staff").exists(), name


def test_each_role_searches_only_its_jurisdiction(world, django_user_model):
    assert staff_jurisdictions(world.users["superuser"]) is None
    assert staff_jurisdictions(world.users["city"]) == [world.city.path]
    assert staff_jurisdictions(world.users["district"]) == [world.jinshui.path]
    assert staff_jurisdictions(world.users["department"]) == [world.dept.path]
    outsider = django_user_model.objects.create_user("outsider", password="x")
    assert staff_jurisdictions(outsider) == []
