"""Page types of the knowledge base (split by section)."""

from .articles import ArticleIndexPage, ArticlePage
from .base import AttachmentBase, ImportKeyMixin, KnowledgeIndexPage
from .directories import DemonstrationIndexPage, DemonstrationSitePage
from .disclosure import (
    DisclosureCataloguePage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DisclosureRecordPage,
    DisclosureTopic,
)
from .disclosure_reports import (
    AnnualReportIndexPage,
    AnnualReportPage,
    DisclosureMode,
    ReplyIndexPage,
    ReplyKind,
    ReplyPage,
)
from .landmarks import Landmark
from .plans import DrillIndexPage, DrillPage, PlanAttachment, PlanIndexPage, PlanPage, add_months
from .regulations import DocumentRelation, RegulationAttachment, RegulationIndexPage, RegulationPage
from .shelters import ShelterIndexPage, ShelterPage

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "DisclosureCataloguePage",
    "DisclosureGuidePage",
    "DisclosureIndexPage",
    "DisclosureMode",
    "DisclosureRecordPage",
    "DisclosureTopic",
    "ReplyIndexPage",
    "ReplyKind",
    "ReplyPage",
    "ArticleIndexPage",
    "ArticlePage",
    "AttachmentBase",
    "DemonstrationIndexPage",
    "DemonstrationSitePage",
    "DocumentRelation",
    "DrillIndexPage",
    "DrillPage",
    "ImportKeyMixin",
    "KnowledgeIndexPage",
    "Landmark",
    "PlanAttachment",
    "PlanIndexPage",
    "PlanPage",
    "RegulationAttachment",
    "RegulationIndexPage",
    "RegulationPage",
    "ShelterIndexPage",
    "ShelterPage",
    "add_months",
]
