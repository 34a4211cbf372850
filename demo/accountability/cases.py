"""Demo casework: interviews (one overdue), hazards in every state, supervision cases,
a downgrade proposal, assessments with a veto, checklists and responsibility lists."""

import datetime as dt

from django.contrib.auth import get_user_model

from accountability import models as m
from accountability.services import changes
from accountability.services.ratings import raise_proposal
from accountability.services.reminders import scan
from accountability.services.scoping import visible

from . import data as D

H = m.Hazard


def interviews(ents, today):
    by_name = {e.name: e for e in ents}
    specs = [
        # enterprise stem, days ago, status, minutes?, report received?
        ("豫中精细化工", 24, m.Interview.HELD, True, False),  # report overdue
        ("金祥燃气储运", 2, m.Interview.HELD, True, False),  # report due soon
        ("二七危化品仓储", 60, m.Interview.CLOSED, True, True),
        ("巩义石料矿业", 3, m.Interview.NOTIFIED, False, False),
    ]
    for stem, ago, status, minutes, reported in specs:
        e = by_name[f"郑州{stem}有限公司"]
        held = today - dt.timedelta(days=ago)
        iv, created = m.Interview.objects.get_or_create(
            enterprise=e,
            held_on=held,
            defaults={
                "reason": "隐患排查治理不力，同类问题反复出现",
                "interviewees": "主要负责人、分管安全负责人",
                "interviewers": f"{e.jurisdiction.district.name}应急管理局",
                "location": f"{e.jurisdiction.district.name}应急管理局三楼会议室",
                "minutes": "企业对存在问题作出说明，承诺限期完成整改并书面报告。"
                if minutes
                else "",
                "status": status,
                "report_received_on": held + dt.timedelta(days=6) if reported else None,
                "outcome": "整改到位，约谈事项办结。" if status == m.Interview.CLOSED else "",
            },
        )
        if created and minutes:
            iv.commitments.create(content="完成重大危险源监控系统升级", deadline=held + dt.timedelta(days=30),
                                  fulfilled_on=held + dt.timedelta(days=25) if reported else None)  # fmt: skip
            iv.commitments.create(content="组织全员安全培训并考核", deadline=held + dt.timedelta(days=14),
                                  fulfilled_on=held + dt.timedelta(days=10) if reported else None)  # fmt: skip
            if reported:
                iv.follow_ups.create(checked_on=held + dt.timedelta(days=35), checked_by="执法一队",
                                     findings="整改措施落实到位。", satisfactory=True)  # fmt: skip
            iv.save()  # commits the child rows (modelcluster defers them)


def hazards(ents, today):
    states = [
        (H.FOUND, H.GENERAL, 2, None),
        (H.NOTIFIED, H.GENERAL, 12, 30),
        (H.RECTIFYING, H.GENERAL, 40, 30),  # overdue
        (H.RECTIFYING, H.MAJOR, 50, 45),
        (H.REVIEW, H.GENERAL, 20, 30),
        (H.ACCEPTED, H.GENERAL, 70, 30),
        (H.CLOSED, H.MAJOR, 120, 60),
        (H.RECTIFYING, H.MAJOR, 100, 60),  # overdue major
        (H.NOTIFIED, H.GENERAL, 25, 30),
    ]
    titles = ["储罐区可燃气体报警器失效", "配电室应急照明缺失", "动火作业审批不规范",
              "重大危险源视频监控未联网", "安全出口堵塞", "特种作业人员证书过期",
              "粉尘涉爆除尘系统未定期清理", "边坡监测预警设施缺失", "消防通道被占用"]  # fmt: skip
    made = []
    for i, (status, level, ago, days) in enumerate(states):
        e = ents[i * 2 % len(ents)]
        found = today - dt.timedelta(days=ago)
        hz, _ = H.objects.get_or_create(
            enterprise=e,
            title=titles[i],
            defaults={
                "level": level,
                "found_on": found,
                "found_by": "区应急管理局执法检查",
                "rectification_days": days or 30,
                "notified_on": found + dt.timedelta(days=1) if days else None,
                "measures": "制定整改方案，落实专人负责。" if status != H.FOUND else "",
                "status": status,
                "closed_on": found + dt.timedelta(days=50) if status == H.CLOSED else None,
            },
        )
        made.append(hz)
    return made


def supervision(ents, hz, today):
    major = [h for h in hz if h.level == H.MAJOR]
    specs = [
        ("督〔2026〕1号", m.SupervisionCase.LISTED, 15, 90, False, True),
        ("督〔2026〕2号", m.SupervisionCase.RECTIFYING, 80, 60, True, True),  # overdue
        ("督〔2026〕3号", m.SupervisionCase.CLOSED, 200, 90, True, True),
        ("督〔2026〕4号", m.SupervisionCase.ACCEPTANCE, 40, 90, True, False),
    ]
    # the closed case lists the closed hazard (销号 closes it), the overdue one the overdue
    pick = [0, 2, 1, 0]
    for i, (number, status, ago, days, plan, public) in enumerate(specs):
        h = major[pick[i] % len(major)]
        m.SupervisionCase.objects.get_or_create(
            notice_number=number,
            defaults={
                "enterprise": h.enterprise,
                "hazard": h,
                "title": f"{h.title}（挂牌督办）",
                "listed_on": today - dt.timedelta(days=ago),
                "period_days": days,
                "responsible_person": "企业主要负责人" if plan else "",
                "measures": "停产整改，委托专业机构设计改造方案。" if plan else "",
                "funds": 120 if plan else None,
                "contingency_plan": "设置警戒区，24小时专人值守。" if plan else "",
                "acceptance_note": "经专家组验收合格。" if status == m.SupervisionCase.CLOSED else "",
                "status": status,
                "closed_on": today - dt.timedelta(days=20) if status == m.SupervisionCase.CLOSED else None,
                "is_public": public,
            },
        )  # fmt: skip


def proposals(ents):
    e = next(e for e in ents if "新郑烟花" not in e.name and e.colour == "yellow")
    raise_proposal(e, m.DowngradeProposal.FATAL_ACCIDENT, "demo:accident:1",
                   "仓库装卸作业发生一起死亡1人的物体打击事故。")  # fmt: skip


def assessments(places, ents, today):
    year = today.year - 1
    for code, score in [("jinshui", 92), ("erqi", 84), ("zhongyuan", 88), ("jt", 86)]:
        m.Assessment.objects.get_or_create(
            year=year, jurisdiction=places[code],
            defaults={"score": score, "responsible_leaders": "区政府分管负责同志"},
        )  # fmt: skip
    a, created = m.Assessment.objects.get_or_create(
        year=year, jurisdiction=places["gongyi"],
        defaults={"score": 81, "responsible_leaders": "市政府主要负责同志、分管负责同志"},
    )  # fmt: skip
    if created:
        a.veto_items.create(reason="发生一起较大生产安全事故", occurred_on=dt.date(year, 8, 14))
        a.save()


def checklists(places, today):
    city_list, created = m.Checklist.objects.get_or_create(
        kind=m.Checklist.DEMO_CITY, jurisdiction=places["zz"], year=today.year,
        defaults={"title": "国家安全发展示范城市创建对标清单"},
    )  # fmt: skip
    if created:
        owners = [d[1] for d in D.DEPARTMENTS] + ["市应急管理局", "市消防救援支队"]
        n = 0
        for s in range(1, 48):
            theme = D.DEMO_CITY_THEMES[(s - 1) % len(D.DEMO_CITY_THEMES)]
            for k in range(1, 5 if s > 5 else 6):
                n += 1
                city_list.items.create(
                    standard=f"标准{s}：{theme}",
                    title=f"{theme}第{k}项：制度建立、责任落实和台账资料完善",
                    owner=owners[n % len(owners)],
                    status="done" if n <= 147 else ("doing" if n % 2 else "not_started"),
                    evidence="见创建工作台账" if n <= 147 else "",
                    sort_order=n,
                )
        city_list.save()
    for i, code in enumerate(["huayuanlu", "wulibao", "guandu"]):
        cl, created = m.Checklist.objects.get_or_create(
            kind=m.Checklist.SIX_HAVE, jurisdiction=places[code], year=today.year,
            defaults={"title": f"{places[code].name}“六有”建设"},
        )  # fmt: skip
        if created:
            for k, title in enumerate(D.SIX_HAVE):
                cl.items.create(standard="基层应急管理“六有”", title=title, owner=places[code].name,
                                status="done" if k < 6 - i else "doing", sort_order=k)  # fmt: skip
            cl.save()


LAW = "《中华人民共和国安全生产法》"
# owner key, list title, recording user, summary,
# [(post, duty, legal basis, required, unit, months performed, day, quantity, what was done)]
RESPONSIBILITY = [
    ("jt", "市交通运输局岗位安全责任清单", "dept_officer", "", [
        ("局长", "全面负责行业安全生产监督管理工作，定期研究部署安全生产工作", f"{LAW}第九条",
         4, "次专题会议", (1, 4, 7, 10), 12, 1, "主持召开交通运输安全生产专题会议，部署季度重点工作"),
        ("安全科科长", "组织道路运输企业安全检查", f"{LAW}第六十五条", 12, "次检查",
         (1, 2, 3, 5, 6, 8, 9), 20, 1, "带队检查客运站、危货运输企业，现场反馈问题清单"),
        ("执法人员", "对重点企业开展执法检查并跟踪隐患整改", "", 24, "家次", range(1, 13), 8, 2,
         "对两家重点运输企业开展执法检查并复查整改"),
    ]),
    ("郑州豫中精细化工有限公司", "全员岗位安全生产责任清单", "jinshui_supervisor",
     "隐患排查按月开展；主要负责人专题研究和应急演练需在年底前补齐。", [
        ("主要负责人", "每季度组织研究本单位安全生产工作", f"{LAW}第二十一条", 4, "次",
         (3, 6, 9), 25, 1, "召开安全生产委员会会议，研究重大危险源管控措施"),
        ("安全管理人员", "每月组织事故隐患排查并建立台账", f"{LAW}第二十五条", 12, "次",
         range(1, 13), 5, 1, "组织罐区、装卸区隐患排查，登记台账并跟踪整改"),
        ("车间主任", "组织车间级应急预案演练", "《生产安全事故应急条例》第八条", 2, "次演练",
         (4, 10), 16, 1, "组织反应釜泄漏应急处置演练并评估"),
    ]),
]  # fmt: skip


def responsibility(places, ents, today):
    """A department list and an enterprise list for this year, with fulfilment records on
    dates through the year (only those already passed): some duties met, some behind."""
    by_name = {e.name: e for e in ents}
    for owner, title, username, summary, duties in RESPONSIBILITY:
        where = (
            {"enterprise": by_name[owner]} if owner in by_name else {"jurisdiction": places[owner]}
        )
        rl, created = m.ResponsibilityList.objects.get_or_create(
            title=title, year=today.year, defaults={"summary": summary}, **where
        )
        if not created:
            continue
        user = get_user_model().objects.filter(username=username).first()
        for post, text, basis, required, unit, months, day, quantity, done in duties:
            duty = m.Duty.objects.create(responsibility_list=rl, post=post, duty=text,
                                         legal_basis=basis, required_quantity=required, unit=unit)  # fmt: skip
            for month in months:
                when = dt.date(today.year, month, day)
                if when <= today:
                    m.FulfilmentRecord.objects.create(duty=duty, performed_on=when,
                                                      quantity=quantity, description=done,
                                                      recorded_by=user)  # fmt: skip


def controls(today, stdout):
    """The controls in use: a pending extension request from the Jinshui supervisor for
    an overdue hazard in its district (the city supervisor decides), and the daily scan's
    reminders (including overdue inspections)."""
    user = get_user_model().objects.filter(username="jinshui_supervisor").first()
    if user is not None and not m.ChangeRequest.objects.filter(requested_by=user).exists():
        open_ = visible(user, H.objects.filter(archived=False)).open().exclude(notified_on=None)
        hazard = open_.overdue(today).first() or open_.first()
        if hazard is not None:
            changes.request_change(
                hazard, m.ChangeRequest.HAZARD_EXTENSION, user,
                "整改所需防爆设备为定制件，厂家供货周期较长，申请延长整改期限。",
                hazard.rectification_days + 30,
            )  # fmt: skip
    result = scan(today)
    overdue = m.Enterprise.objects.filter(archived=False).inspection_overdue(today).count()
    stdout.write(
        f"accountability controls: {m.ChangeRequest.objects.filter(status='pending').count()} "
        f"pending change requests, {overdue} inspections overdue, "
        f"{result['reminders']} reminders sent now\n"
    )
