"""Attach the review workflow and the group page permissions to the campaign index page.

The data migration creates the groups 宣传编辑 (editors) and 宣传审核 (reviewers) and the
workflow 宣传内容审核. Once a campaign index page exists, :func:`attach_desk` gives:

========  ==========================================  =====================================
Group     Page permissions below the index            What it means
========  ==========================================  =====================================
宣传编辑   add, change                                 write drafts, submit them for review
宣传审核   add, change, publish, lock, unlock          review, approve (publish), schedule
========  ==========================================  =====================================

and assigns the workflow to the index page, so every campaign page below it is reviewed."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

EDITORS = "宣传编辑"
REVIEWERS = "宣传审核"
WORKFLOW = "宣传内容审核"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


@transaction.atomic
def attach_desk(index_page: Page) -> None:
    """Idempotently grant the campaign groups their page permissions on ``index_page`` and
    assign the review workflow to it."""
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index_page, permission=permission
            )
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
