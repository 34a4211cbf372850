"""Demo evidence files for the hazards of the demo cases."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from accountability.evidence import folder_for, secure_existing, sync_all_users
from accountability.models import Hazard


def load(stdout):
    """Demo evidence: a written record after rectification for every hazard that has
    reached review or beyond, filed in its district's private folder."""
    Document = get_document_model()
    done = (Hazard.REVIEW, Hazard.ACCEPTED, Hazard.CLOSED)
    count = 0
    for hazard in Hazard.objects.filter(status__in=done, evidence_after=None).select_related(
        "enterprise__jurisdiction"
    ):
        title = f"{hazard.enterprise.name} {hazard.title} 整改后记录"[:255]
        text = f"{hazard.title}：已按整改方案完成整改，现场复查照片存档。\n".encode()
        folder = folder_for(hazard.enterprise.jurisdiction)
        document = Document.objects.filter(title=title, collection=folder.collection).first()
        if document is None:
            document = Document.objects.create(
                title=title,
                file=ContentFile(text, name=f"hazard-{hazard.pk}-after.txt"),
                collection=folder.collection,
            )
        Hazard.objects.filter(pk=hazard.pk).update(evidence_after=document)
        count += 1
    moved = secure_existing()
    sync_all_users()
    stdout.write(
        f"accountability: {count} demo evidence files, {moved} moved to private collections\n"
    )
