"""Fixed vocabularies of the campaign desk: outreach channels and activity modes.

Districts are the site-wide vocabulary of :mod:`portal.core.districts`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """The "五进" outreach channels, plus anything else."""

    ENTERPRISE = "enterprise", _("Into enterprises (进企业)")
    COUNTRYSIDE = "countryside", _("Into villages (进农村)")
    COMMUNITY = "community", _("Into communities (进社区)")
    SCHOOL = "school", _("Into schools (进学校)")
    FAMILY = "family", _("Into families (进家庭)")
    OTHER = "other", _("Other")


class Mode(models.TextChoices):
    OFFLINE = "offline", _("Offline")
    ONLINE = "online", _("Online")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "truefalse", _("True or false")


OPTION_LETTERS = ("A", "B", "C", "D")
