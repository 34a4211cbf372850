"""Demo public tip-offs (举报线索) in every state of the workflow, filed in 金水区 and 二七区
and moved along through ``services.workflow`` by the demo supervisors, with dates in the
past so that the list shows overdue reports as well as replied ones; the daily scan's
reminders about the overdue ones are sent.

Each demo report has a fixed receipt code (DEMA-2345-6789, DEMB-…, …) so that the status
page can be tried out: DEMF-2345-6789 shows a replied report with its public reply."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from accountability import models as m
from accountability.models.workingdays import add_working_days
from accountability.services import tipoffs, workflow
from accountability.services.audit import as_user

# code letter, district, days ago filed, steps taken, description, address, enterprise
# name given by the reporter, contact (name, phone) or None for anonymous
REPORTS = [
    ("A", "jinshui", 0, [], "小区底商一家餐馆把七八个液化气钢瓶放在后厨走廊，走廊堆满杂物，安全出口被纸箱堵住。",
     "金水区花园路示例路21号底商", "", ("王女士", "13800000001")),
    ("B", "jinshui", 9, [], "工地夜间电焊作业旁边堆着保温材料，没有看到灭火器和看火人员。",
     "金水区北环路与示例街交叉口西北角工地", "北环建设工程", None),
    ("C", "jinshui", 16, ["accept"], "仓库门口停满电动车，晚上在楼道里充电，拖线板一直拖到仓库里面。",
     "金水区丰产路示例巷3号院仓库", "花园路商贸物流", ("李先生", "0371-60000002")),
    ("D", "jinshui", 8, ["accept", "verify"], "化工厂围墙外能闻到刺鼻气味，厂区东侧储罐区有液体渗到路边。",
     "金水区示例路7号东侧", "豫中精细化工", None),
    ("E", "erqi", 12, ["accept", "verify", "dismiss"], "商场地下车库喷淋管一直在滴水，担心消防设施坏了。",
     "二七区五里堡示例广场地下车库", "", None),
    ("F", "jinshui", 15, ["accept", "verify", "register", "reply"],
     "燃气储运站的围栏破了一个大口子，附近小孩经常钻进去玩，里面就是钢瓶堆放区。",
     "金水区示例路14号燃气储运站北侧", "金祥燃气储运", ("赵先生", "13900000003")),
    ("H", "jinshui", 7, ["accept", "verify", "register"],
     "工地塔吊旁的临时配电箱没有门，电线直接拖在积水里，工人从旁边走来走去。",
     "金水区北环路示例街工地东门", "北环建设工程", None),
    ("G", "jinshui", 20, ["refuse", "reply"], "测试测试，随便写写看看能不能提交。",
     "金水区", "", None),
]  # fmt: skip

FINDINGS = {
    "D": "现场核查：储罐区东侧围堰排水阀未关闭，少量冷凝水外渗，经检测非危险化学品；围堰管理存在缺陷。",
    "E": "现场核查：滴水为空调冷凝水管接头松动，喷淋系统压力正常，消防设施完好。",
    "F": "现场核查：储运站北侧围栏破损约2米，钢瓶区无有效物理隔离，情况属实。",
    "H": "现场核查：塔吊东侧临时配电箱箱门缺失，电缆未架空，浸泡在积水中，情况属实。",
}
REASONS = {
    "dismiss": "核查不属于安全生产隐患，已告知物业维修冷凝水管。",
    "refuse": "举报内容无具体事项，属无效举报。",
}
REPLIES = {
    "F": "您反映的情况经核查属实，区应急管理局已立案为一般隐患，责令企业限期修复围栏并设置隔离设施，"
    "整改完成后将组织复查。感谢您对安全生产工作的支持。",
    "G": "您提交的内容未包含具体的隐患情况，不予受理。如发现安全隐患，欢迎再次举报并写明地点和情况。",
}


def code_of(letter: str) -> str:
    return f"DEM{letter}23456789"


def _supervisor(district):
    User = get_user_model()
    name = "jinshui_supervisor" if district == "jinshui" else "city_supervisor"
    return User.objects.filter(username=name).first()


def load(stdout):
    today = timezone.localdate()
    created = 0
    for letter, district, ago, steps, text, address, company, contact in REPORTS:
        digest = tipoffs.digest(code_of(letter))
        if m.Tipoff.objects.filter(receipt_digest=digest).exists():
            continue
        received = today - dt.timedelta(days=ago)
        tipoff = m.Tipoff(
            receipt_digest=digest,
            description=text,
            address=address,
            district=district,
            jurisdiction=tipoffs.jurisdiction_for(district),
            enterprise_name=f"郑州{company}有限公司" if company else "",
            contact_name=contact[0] if contact else "",
            contact_phone=contact[1] if contact else "",
            received_on=received,
        )
        with as_user(None, note="演示数据", name="公众举报"):
            tipoff.save()
        user = _supervisor(district)
        day = received
        for action in steps:
            day = min(add_working_days(day, 1), today)
            if action == "verify":
                tipoff.findings = FINDINGS[letter]
            if action == "register":
                tipoff.enterprise = m.Enterprise.objects.filter(name=tipoff.enterprise_name).first()
            if action == "reply":
                tipoff.public_reply = REPLIES[letter]
            workflow.apply(tipoff, action, user, today=day, reason=REASONS.get(action, ""))
        created += 1
    # The reminders of the first daily scan, as for the other deadlines of the demo.
    reminders = tipoffs.scan_overdue(today)
    stdout.write(f"accountability: {created} demo tip-offs, {reminders} tip-off reminders\n")
