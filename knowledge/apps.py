from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from wagtail.signals import page_published

        from .models import RegulationPage

        page_published.connect(
            _apply_relations_on_publish, sender=RegulationPage, dispatch_uid="knowledge_relations"
        )


def _apply_relations_on_publish(sender, instance, **kwargs):
    from .services import apply_relations

    apply_relations(instance)
