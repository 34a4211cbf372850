"""factory_boy factories for tests and synthetic data."""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from portal.core.districts import DistrictOrCitywide

from .models import (
    CampaignActivity,
    CampaignIndexPage,
    CampaignKind,
    CampaignPage,
    Channel,
    Mode,
    QuestionKind,
    QuizQuestion,
)


class CampaignKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignKind
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kind-{n}")
    name = factory.Sequence(lambda n: f"宣传类型{n}")


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "宣传活动"
    slug = "campaigns"
    show_in_menus = True


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"测试宣传活动{n}")
    kind = factory.SubFactory(CampaignKindFactory)
    year = 2026
    theme = "人人讲安全、个个会应急"
    start_date = dt.date(2026, 5, 10)
    end_date = dt.date(2026, 5, 16)
    organisers = "市减灾委员会、市应急管理局"


class CampaignActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignActivity

    page = factory.SubFactory(CampaignPageFactory)
    title = factory.Sequence(lambda n: f"应急科普活动{n}")
    channel = Channel.COMMUNITY
    mode = Mode.OFFLINE
    district = DistrictOrCitywide.JINSHUI
    venue = "社区文化广场"
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    organiser = "街道办事处"
    people_reached = 100


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizQuestion

    page = factory.SubFactory(CampaignPageFactory)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"第{n}题：火灾报警电话是多少？")
    option_a = "110"
    option_b = "119"
    option_c = "120"
    correct = "B"
    explanation = "火警电话是119。"
