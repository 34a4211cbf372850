"""Which safety articles (安全知识) answer which alert: the hazard types of
:class:`portal.core.models.HazardType` mapped to the articles' topics. Found through
:func:`portal.core.hazard_guidance.guidance_links`; newest articles first, then general self-
rescue advice so that every alert gets some guidance."""

from .choices import Topic
from .models import ArticlePage

ORDER = 10

TOPICS = {
    "rainstorm": [Topic.FLOOD],
    "flood": [Topic.FLOOD],
    "earthquake": [Topic.EARTHQUAKE],
    "fire": [Topic.FIRE],
    "forest_fire": [Topic.FOREST_FIRE, Topic.FIRE],
    "geological": [Topic.DISASTER_REDUCTION, Topic.FLOOD],
    "chemical": [Topic.CHEMICALS],
}
FALLBACK = [Topic.SELF_RESCUE, Topic.DISASTER_REDUCTION]


def links(hazard: str, limit: int) -> list[dict]:

    found = []
    for topics in (TOPICS.get(hazard, []), FALLBACK):
        if len(found) >= limit or not topics:
            continue
        pages = (
            ArticlePage.objects.live()
            .public()
            .filter(topic__in=topics)
            .exclude(pk__in=[p.pk for p in found])
            .order_by("-first_published_at", "pk")[: limit - len(found)]
        )
        found.extend(pages)
    return [{"title": page.title, "url": page.get_url()} for page in found]
