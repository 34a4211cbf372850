"""factory_boy factories for the accountability models, plus ``make_staff`` to create a
user with a role and a jurisdiction."""

import datetime as dt

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import models as m
from .creditcode import make_code
from .services.roles import role_group, sync_groups


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Industry
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"行业{n}")
    code = factory.Sequence(lambda n: f"ind{n}")


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Jurisdiction

    name = factory.Sequence(lambda n: f"辖区{n}")
    code = factory.Sequence(lambda n: f"j{n}")
    kind = m.Jurisdiction.DISTRICT
    parent = None


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    credit_code = factory.Sequence(lambda n: make_code(f"91410100MA{n:07d}"))
    industry = factory.SubFactory(IndustryFactory)
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    principal = "张经理"


class HazardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Hazard

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"隐患{n}")
    found_on = factory.LazyFunction(timezone.localdate)


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Interview

    enterprise = factory.SubFactory(EnterpriseFactory)
    reason = "安全生产主体责任落实不到位"
    interviewees = "主要负责人"
    interviewers = "区应急管理局"
    held_on = factory.LazyFunction(timezone.localdate)
    location = "区应急管理局会议室"


class SupervisionCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.SupervisionCase

    enterprise = factory.SubFactory(EnterpriseFactory)
    notice_number = factory.Sequence(lambda n: f"督办〔2026〕{n}号")
    title = factory.Sequence(lambda n: f"重大隐患{n}")
    listed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))


class ResponsibilityListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ResponsibilityList

    title = factory.Sequence(lambda n: f"岗位安全责任清单{n}")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    enterprise = factory.SubFactory(EnterpriseFactory)


class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Duty

    responsibility_list = factory.SubFactory(ResponsibilityListFactory)
    post = "安全管理人员"
    duty = factory.Sequence(lambda n: f"开展安全检查{n}")
    legal_basis = "《中华人民共和国安全生产法》第二十五条"
    required_quantity = 12
    unit = "次"


class FulfilmentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.FulfilmentRecord

    duty = factory.SubFactory(DutyFactory)
    performed_on = factory.LazyAttribute(
        lambda o: min(timezone.localdate(), dt.date(o.duty.responsibility_list.year, 12, 31))
    )
    quantity = 1
    description = factory.Sequence(lambda n: f"检查记录{n}")


def make_staff(username, role=None, jurisdiction=None, password="pw-Test-123", **extra):
    """A staff user in the role's group (None: no group) linked to ``jurisdiction``."""
    user = get_user_model().objects.create_user(
        username=username, password=password, email=f"{username}@example.org", **extra
    )
    if role:
        if role_group(role) is None:
            # A transactional test flushed the groups the data migration created.
            sync_groups(apps)
        user.groups.add(role_group(role))
    if jurisdiction is not None:
        m.StaffProfile.objects.create(user=user, jurisdiction=jurisdiction)
    return user
