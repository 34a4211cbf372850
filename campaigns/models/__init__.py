"""Campaign desk models: kinds, campaign pages with activities, news and a quiz."""

from .activities import ActivityQuerySet, CampaignActivity
from .choices import OPTION_LETTERS, Channel, Mode, QuestionKind
from .kinds import CampaignKind
from .pages import CampaignIndexPage, CampaignNewsItem, CampaignPage, MaterialBlock
from .quiz import QuizAnswer, QuizQuestion, QuizSubmission

__all__ = [
    "OPTION_LETTERS",
    "ActivityQuerySet",
    "CampaignActivity",
    "CampaignIndexPage",
    "CampaignKind",
    "CampaignNewsItem",
    "CampaignPage",
    "Channel",
    "MaterialBlock",
    "Mode",
    "QuestionKind",
    "QuizAnswer",
    "QuizQuestion",
    "QuizSubmission",
]
