"""Accountability models, one module per area; import them from here."""

from .assessment import Assessment, VetoItem
from .audit import AuditEntry
from .changes import ChangeRequest
from .checklist import Checklist, ChecklistItem
from .enterprise import BLUE, COLOUR_CHOICES, RED, YELLOW, Enterprise, InspectionFrequency
from .evidence import EvidenceFolder
from .hazard import Hazard
from .interview import Commitment, FollowUpCheck, Interview
from .jurisdiction import CalendarDay, Industry, Jurisdiction, StaffProfile
from .rating import DowngradeProposal, Rating, RatingCriterion
from .responsibility import Duty, FulfilmentRecord, ResponsibilityList
from .roles import StaffRole
from .supervision import SupervisionCase
from .tipoff import Tipoff, TipoffPhoto

__all__ = [
    "Assessment",
    "AuditEntry",
    "BLUE",
    "COLOUR_CHOICES",
    "ChangeRequest",
    "CalendarDay",
    "Checklist",
    "ChecklistItem",
    "Commitment",
    "DowngradeProposal",
    "Duty",
    "Enterprise",
    "EvidenceFolder",
    "FollowUpCheck",
    "FulfilmentRecord",
    "Hazard",
    "Industry",
    "InspectionFrequency",
    "Interview",
    "Jurisdiction",
    "RED",
    "Rating",
    "RatingCriterion",
    "ResponsibilityList",
    "StaffProfile",
    "StaffRole",
    "SupervisionCase",
    "Tipoff",
    "TipoffPhoto",
    "VetoItem",
    "YELLOW",
]
