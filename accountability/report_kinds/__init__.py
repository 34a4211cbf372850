"""PDF reports of the accountability tracker (built by the reports pipeline).

Every kind filters its data with the accountability scoping service, so a district
supervisor's report only contains that district; from the command line (no user) the
whole city is included. Templates: ``accountability/reports/*.html``.
"""

from .documents import EnterpriseDossier, InterviewMinutes, InterviewNotice, SupervisionNotice
from .periodic import AssessmentLedger, PeriodSummary

__all__ = [
    "AssessmentLedger",
    "EnterpriseDossier",
    "InterviewMinutes",
    "InterviewNotice",
    "PeriodSummary",
    "SupervisionNotice",
]
