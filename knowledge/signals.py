"""Signal receivers of the knowledge base, connected by ``KnowledgeConfig.ready()``."""

from wagtail.signals import page_published

from .models import RegulationPage
from .services import apply_relations


def _apply_relations_on_publish(sender, instance, **kwargs):
    apply_relations(instance)


def connect():
    page_published.connect(
        _apply_relations_on_publish, sender=RegulationPage, dispatch_uid="knowledge_relations"
    )
