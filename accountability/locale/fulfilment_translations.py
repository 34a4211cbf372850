"""Chinese translations of the fulfilment-record strings (models/responsibility.py,
services/fulfilment.py, views/responsibility.py, the FulfilmentRecord viewset and
templates/accountability/admin/responsibility_inspect.html). Fill them into the catalogue
(after makemessages with the ignores in docs/accountability.md) with
``python scripts/po_fill.py accountability/locale/zh_Hans/LC_MESSAGES/django.po
accountability/locale/fulfilment_translations.py``.

Strings the PDF dossier shares with the admin ("Required", "Achieved", "Post", ...) use
the wording of reports/locale, since this catalogue comes first."""

T = {
    # models/responsibility.py
    "The duty that was performed.": "所履行的职责。",
    "performed on": "履职日期",
    "Date the duty was performed; within the list's year.": "履职的日期，须在清单所属年度内。",
    "quantity": "数量",
    "How much this record counts towards the requirement, e.g. 1 inspection.": (
        "本次计入量化要求的数量，如 1 次检查。"
    ),
    "what was done": "履职内容",
    "What was done, where and with which result.": "做了什么、在哪里、结果如何。",
    "Minutes, inspection record or photo proving the work.": "会议纪要、检查记录或照片等佐证材料。",
    "Set automatically to the user who entered the record.": "自动填写为录入该记录的用户。",
    "fulfilment records": "履职记录",
    "fulfilment rate": "达标率",
    # services/fulfilment.py
    "The date must lie in %(year)s: the list “%(list)s” covers that year. "
    "Record work of another year in that year's list.": (
        "日期必须在%(year)s年内：清单“%(list)s”只统计该年度的履职。其他年度的履职请记入该年度的清单。"
    ),
    "The date cannot be in the future.": "日期不能晚于今天。",
    # views/responsibility.py
    "%(count)s fulfilment records are dated outside %(year)s. Keep the year, or copy the "
    "list to start a new year.": (
        "有 %(count)s 条履职记录的日期不在%(year)s年内。请保留原年度，或复制清单开始新的年度。"
    ),
    "The duty “%(post)s: %(duty)s” has fulfilment records and cannot be removed. "
    "Archive it instead.": "职责“%(post)s：%(duty)s”已有履职记录，不能删除，请改为归档。",
    "Saving creates a new list with copies of the %(count)s duties of “%(list)s”; "
    "fulfilment records are not copied.": (
        "保存后将新建清单，并复制“%(list)s”的 %(count)s 条职责；不复制履职记录。"
    ),
    "%(count)s duties copied from %(year)s; fulfilment records start empty.": (
        "已从%(year)s年复制 %(count)s 条职责；履职记录从零开始。"
    ),
    "That duty does not exist or is outside your jurisdiction.": "该职责不存在或不在您的管辖范围内。",
    "Enter a year between %(first)s and %(last)s.": "请输入%(first)s至%(last)s之间的年份。",
    "List year": "清单年度",
    "Responsibility list": "岗位安全责任清单",
    "Performed between": "履职日期范围",
    "Fulfilment records": "履职记录",
    # templates/accountability/admin/responsibility_inspect.html
    "Annual fulfilment %(year)s": "%(year)s年度履职情况",
    "%(met)s of %(total)s quantified duties met (%(percent)s).": (
        "有量化要求的 %(total)s 项职责中已达标 %(met)s 项（%(percent)s）。"
    ),
    "Duties behind schedule: %(n)s.": "进度滞后的职责：%(n)s 项。",
    "%(met)s/%(total)s met": "达标 %(met)s/%(total)s",
    "Duty": "职责",
    "Legal basis": "依据",
    "Required": "应完成",
    "Achieved": "已完成",
    "Actions": "操作",
    "due by today: %(due)s %(unit)s": "截至今日应完成：%(due)s %(unit)s",
    "No quantified requirement": "无量化要求",
    "Met": "已达标",
    "Behind schedule": "进度滞后",
    "On schedule": "进度正常",
    "Record fulfilment": "登记履职",
    "No duties listed.": "未列出职责。",
    "Date": "日期",
    "Post": "岗位",
    "Quantity": "数量",
    "What was done": "履职内容",
    "Evidence": "佐证材料",
    "Recorded by": "登记人",
    "Search and export these records": "检索和导出这些记录",
    "No fulfilment recorded yet.": "尚未登记履职记录。",
}
