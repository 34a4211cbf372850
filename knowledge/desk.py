"""The knowledge base's review desk: the groups 知识库编辑 (editors) and 知识库审核
(reviewers) and the workflow 知识库内容审核, created by migration 0004, are attached to
every knowledge section (regulations, plans, articles, shelters, demonstration lists):

========  ==========================================  =====================================
Group     Page permissions below each section         What it means
========  ==========================================  =====================================
知识库编辑  add, change                                 write drafts, submit them for review
知识库审核  add, change, publish, lock, unlock          review, approve (publish), schedule
========  ==========================================  =====================================

so a regulation or plan is published only after a reviewer approves it."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

EDITORS = "知识库编辑"
REVIEWERS = "知识库审核"
WORKFLOW = "知识库内容审核"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


@transaction.atomic
def attach_desk(sections: list[Page]) -> None:
    """Idempotently grant the knowledge groups their page permissions on each section and
    assign the review workflow to it."""
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    for section in sections:
        for group_name, codenames in PAGE_PERMISSIONS.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=section, permission=permission
                )
        if workflow is not None:
            WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
