"""Safety guidance for a hazard type, for the emergency home page and the alert banner.

The site shell does not know the content apps' models: an app that publishes guidance
defines ``<app>/guidance.py`` with ``ORDER`` and ``links(hazard, limit)`` returning a list
of ``{"title", "url"}`` dicts for a :class:`portal.core.models.HazardType` value, most
useful first. This module asks each in turn until it has ``limit`` links."""

from .setup_registry import discover


def guidance_links(hazard: str, limit: int = 4) -> list[dict]:
    links, seen = [], set()
    for module in discover("guidance"):
        for link in module.links(hazard, limit):
            if link["url"] not in seen:
                seen.add(link["url"])
                links.append(link)
            if len(links) >= limit:
                return links
    return links
