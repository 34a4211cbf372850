"""Wagtail creates the groups "Moderators" and "Editors" and the workflow and task
"Moderators approval" in English; staff see these names in the group list, on user
forms and in the scheduling and review dialogs. Give them Chinese names (only where the
English default is still in place, so a bureau's own renaming is kept)."""

from django.db import migrations

RENAMES = {
    ("auth", "Group"): {"Moderators": "审核人员", "Editors": "编辑人员"},
    ("wagtailcore", "Workflow"): {"Moderators approval": "审核人员审批"},
    ("wagtailcore", "Task"): {"Moderators approval": "审核人员审批"},
}


def forwards(apps, schema_editor):
    for (app, model), names in RENAMES.items():
        Model = apps.get_model(app, model)
        for old, new in names.items():
            if not Model.objects.filter(name=new).exists():
                Model.objects.filter(name=old).update(name=new)


def backwards(apps, schema_editor):
    for (app, model), names in RENAMES.items():
        Model = apps.get_model(app, model)
        for old, new in names.items():
            Model.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_alert_hazard"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
