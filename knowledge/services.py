"""Business rules of the knowledge base.

Document relations follow a small table: when a published document amends another, the
older one becomes 已修订 (amended); when it replaces or repeals it, the older one becomes
已废止 (repealed). The change is written to the older page's live row and its latest
revision, so a later edit of the older page does not bring the old status back."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .choices import RelationKind, Status
from .models import DocumentRelation, PlanPage, RegulationPage

# relation kind -> status the older document takes
RELATION_EFFECT = {
    RelationKind.AMENDS: Status.AMENDED,
    RelationKind.REPLACES: Status.REPEALED,
    RelationKind.REPEALS: Status.REPEALED,
}

# A document already repealed is never "upgraded" back to amended.
STATUS_RANK = {Status.CURRENT: 0, Status.TRIAL: 0, Status.AMENDED: 1, Status.REPEALED: 2}


def set_status(page, status: str) -> bool:
    """Set a regulation's validity on its live row and its latest revision.
    Returns True when something changed."""
    page = page.specific if not isinstance(page, RegulationPage) else page
    if STATUS_RANK[Status(page.status)] >= STATUS_RANK[Status(status)]:
        return False
    with transaction.atomic():
        RegulationPage.objects.filter(pk=page.pk).update(status=status)
        page.status = status
        revision = page.latest_revision
        if revision is not None and isinstance(revision.content, dict):
            revision.content["status"] = status
            revision.save(update_fields=["content"])
    return True


def apply_relations(page) -> list:
    """Update the status of every document ``page`` amends, replaces or repeals.
    Called when ``page`` is published; returns the documents whose status changed."""
    changed = []
    for relation in page.relations.select_related("target"):
        if relation.target_id == page.pk:
            continue
        if set_status(relation.target, RELATION_EFFECT[RelationKind(relation.kind)]):
            changed.append(relation.target)
    return changed


def relate(newer, older, kind: str = RelationKind.AMENDS):
    """Record that ``newer`` amends/replaces/repeals ``older`` and apply the effect now
    if ``newer`` is live. Idempotent."""
    if newer.pk == older.pk:
        raise ValueError("A document cannot amend itself.")
    DocumentRelation.objects.update_or_create(page=newer, target=older, defaults={"kind": kind})
    if newer.live:
        apply_relations(newer)


def plans_due_for_review(today=None):
    """Published plans whose next evaluation date has passed, most overdue first."""
    today = today or timezone.localdate()
    return (
        PlanPage.objects.live()
        .review_overdue(today)
        .order_by("next_review_on", "title")
        .select_related("parent_plan")
    )
