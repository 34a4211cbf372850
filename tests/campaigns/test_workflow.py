"""Staff workflow: groups made by the migration, draft → review → publish, scheduling."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from campaigns import schedules, tasks
from campaigns.factories import CampaignActivityFactory, CampaignPageFactory
from campaigns.models import CampaignPage
from campaigns.services.desk import EDITORS, REVIEWERS, WORKFLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("bianji", password="pw-editor-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("shenhe", password="pw-review-123")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


def _draft(index, kind, editor):
    page = CampaignPageFactory.build(kind=kind, slug="draft-2027", title="2027年宣传周", live=False)
    index.add_child(instance=page)
    CampaignActivityFactory(page=page, people_reached=4321)
    page = CampaignPage.objects.get(pk=page.pk)
    page.save_revision(user=editor)
    return page


def test_migration_creates_groups_and_workflow_on_the_index(index):
    assert Group.objects.filter(name__in=[EDITORS, REVIEWERS]).count() == 2
    workflow = index.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS]


def test_editor_can_edit_but_not_publish_reviewer_can(index, kind, editor, reviewer):
    page = _draft(index, kind, editor)
    assert page.get_workflow().name == WORKFLOW
    editor_perms = page.permissions_for_user(editor)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert index.permissions_for_user(editor).can_add_subpage()
    assert page.permissions_for_user(reviewer).can_publish()
    outsider = type(editor).objects.create_user("outsider", password="x")
    assert not page.permissions_for_user(outsider).can_edit()


def test_submit_approve_publishes_with_the_activities(client, index, kind, editor, reviewer):
    page = _draft(index, kind, editor)
    assert client.get("/campaigns/draft-2027/").status_code == 404
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert [a[0] for a in task.get_actions(page, editor)] == []
    assert "approve" in [a[0] for a in task.get_actions(page, reviewer)]
    task.on_action(task_state, reviewer, "approve")
    page.refresh_from_db()
    assert page.live
    response = client.get("/campaigns/draft-2027/")
    assert response.status_code == 200 and "4,321" in response.content.decode()


def test_admin_edit_view_for_the_editor(client, index, kind, editor):
    page = _draft(index, kind, editor)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "提交" in html  # submit to 宣传内容审核
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", index.pk])
    assert client.get(add_url).status_code == 200
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert preview.status_code == 200 and "4,321" in preview.content.decode()


def test_scheduled_go_live_and_expiry_run_by_the_task(campaign):
    page = CampaignPage.objects.get(pk=campaign.pk)
    page.go_live_at = timezone.now() + dt.timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live  # it was already live; schedule the expiry instead
    page.expire_at = timezone.now() - dt.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    tasks.publish_scheduled()
    page.refresh_from_db()
    assert not page.live and page.expired

    draft = CampaignPageFactory.build(kind=page.kind, slug="later", live=False)
    page.get_parent().add_child(instance=draft)
    draft.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = draft.save_revision()
    revision.publish()
    draft.refresh_from_db()
    assert not draft.live
    revision.refresh_from_db()
    # An hour passes (simulated: the approved time and the page's go-live are now past).
    past = timezone.now() - dt.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    tasks.publish_scheduled()
    draft.refresh_from_db()
    assert draft.live


def test_schedule_is_declared_for_django_q():
    (entry,) = schedules.SCHEDULES
    assert entry["func"] == "campaigns.tasks.publish_scheduled"
    assert entry["schedule_type"] == "I" and entry["minutes"] <= 5


def test_statistics_admin_view_requires_the_permission(client, campaign, editor, django_user_model):
    CampaignActivityFactory(page=campaign, people_reached=2500)
    client.force_login(editor)
    response = client.get(reverse("campaign_statistics"))
    assert response.status_code == 200
    assert "2,500" in response.content.decode()
    detail = client.get(reverse("campaign_statistics_detail", args=[campaign.pk]))
    assert detail.status_code == 200 and 'role="img"' in detail.content.decode()
    nobody = django_user_model.objects.create_user("nobody", password="x")
    nobody.groups.add(Group.objects.get(name="编辑人员"))
    client.force_login(nobody)
    assert client.get(reverse("campaign_statistics")).status_code in (302, 403)


def test_setup_command_creates_the_section_once(home):
    import io

    from django.core.management import call_command

    from campaigns.models import CampaignIndexPage

    call_command("setup_campaign_desk", stdout=io.StringIO())
    call_command("setup_campaign_desk", stdout=io.StringIO())
    index = CampaignIndexPage.objects.get()
    assert index.live and index.slug == "campaigns" and index.show_in_menus
    assert index.get_workflow().name == WORKFLOW
