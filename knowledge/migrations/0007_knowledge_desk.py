"""Data: the knowledge-base editor and reviewer groups and the 知识库内容审核 workflow
(one GroupApprovalTask for the reviewers), as the campaign desk has. The workflow and the
page permissions are attached to the knowledge sections by knowledge.desk when those pages
exist (``setup_site``); on a fresh database they do not exist yet when migrations run."""

from django.db import migrations

EDITORS = "知识库编辑"
REVIEWERS = "知识库审核"
WORKFLOW = "知识库内容审核"
TASK = "知识库审核组审批"

COMMON = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]
REVIEWER_EXTRA = [
    ("wagtailimages", "image", "change_image"),
    ("wagtaildocs", "document", "change_document"),
]
COLLECTION_CODENAMES = {
    "add_image",
    "choose_image",
    "change_image",
    "add_document",
    "choose_document",
    "change_document",
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ct, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _created = Permission.objects.get_or_create(
        content_type=ct, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return perm


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name, spec in ((EDITORS, COMMON), (REVIEWERS, COMMON + REVIEWER_EXTRA)):
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, model, codename in spec:
            perm = _permission(apps, app_label, model, codename)
            if codename in COLLECTION_CODENAMES and root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
            else:
                group.permissions.add(perm)

    task_ct, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_ct, active=True)
    task.groups.add(groups[REVIEWERS])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0006_shelter_finder"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
