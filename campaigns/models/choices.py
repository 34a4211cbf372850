"""Fixed vocabularies of the campaign desk: outreach channels, districts, activity modes."""

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


class District(models.TextChoices):
    """Zhengzhou's districts, county-level cities, county and functional zones."""

    CITYWIDE = "citywide", _("Citywide")
    ZHONGYUAN = "zhongyuan", _("Zhongyuan District")
    ERQI = "erqi", _("Erqi District")
    GUANCHENG = "guancheng", _("Guancheng Hui District")
    JINSHUI = "jinshui", _("Jinshui District")
    SHANGJIE = "shangjie", _("Shangjie District")
    HUIJI = "huiji", _("Huiji District")
    ZHENGDONG = "zhengdong", _("Zhengdong New Area")
    ECONOMIC = "economic", _("Economic and Technological Development Zone")
    HIGHTECH = "hightech", _("High-tech Industrial Development Zone")
    AIRPORT = "airport", _("Airport Economy Zone")
    GONGYI = "gongyi", _("Gongyi")
    XINGYANG = "xingyang", _("Xingyang")
    XINMI = "xinmi", _("Xinmi")
    XINZHENG = "xinzheng", _("Xinzheng")
    DENGFENG = "dengfeng", _("Dengfeng")
    ZHONGMU = "zhongmu", _("Zhongmu County")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "truefalse", _("True or false")


OPTION_LETTERS = ("A", "B", "C", "D")
