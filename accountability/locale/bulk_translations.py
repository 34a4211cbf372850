"""Chinese translations of the bulk-action strings (views/bulk.py, services/bulk.py and
templates/accountability/admin/bulk/). Fill them into the catalogue with
``python scripts/po_fill.py accountability/locale/zh_Hans/LC_MESSAGES/django.po
accountability/locale/bulk_translations.py``."""

T = {
    # services/bulk.py
    "Already archived.": "已归档。",
    "Not archived.": "未归档。",
    "You cannot archive your own staff profile.": "不能归档您本人的人员档案。",
    "Archived in bulk": "批量归档",
    "Restored in bulk": "批量恢复",
    "The inspection date cannot be in the future (today is %(today)s).": (
        "检查日期不能晚于今天（%(today)s）。"
    ),
    "Archived records cannot be changed.": "已归档的记录不能修改。",
    "This inspection is already recorded.": "该次检查已登记。",
    "A later inspection (%(date)s) is already recorded.": "已登记更晚的检查（%(date)s）。",
    "Inspection recorded for %(date)s": "登记检查：%(date)s",
    # views/bulk.py
    "Note for the audit trail": "审计备注",
    "Optional: why these records change. Saved with each change.": (
        "选填：说明变更原因，随每条变更写入审计记录。"
    ),
    "Apply": "执行",
    "None of the selected records exists in your jurisdiction.": "所选记录均不存在或不在您的辖区内。",
    "%(action)s: %(count)d record(s) changed.": "%(action)s：%(count)d 条记录已变更。",
    "More than %(max)s records are selected. Narrow the list with filters first.": (
        "所选记录超过 %(max)s 条，请先用筛选条件缩小范围。"
    ),
    "Archive": "归档",
    "Archive the selected records": "归档所选记录",
    "Yes, archive": "确认归档",
    "Archived records leave the default list. They are kept, with their audit trail, "
    "and can be restored from the archived list.": (
        "归档后的记录不再出现在默认列表中，但记录及其审计记录仍然保留，可在“已归档”列表中恢复。"
    ),
    "Restore": "恢复",
    "Restore the selected records": "恢复所选记录",
    "Yes, restore": "确认恢复",
    "Restored records return to the default list.": "恢复后的记录重新出现在默认列表中。",
    "Step": "流程步骤",
    "Each selected record takes this step if its status, its filled-in fields and your "
    "role allow it; the others stay as they are and are listed with the reason.": (
        "所选记录中状态、必填内容和您的角色均满足条件的，执行此步骤；其余记录保持不变，并列出原因。"
    ),
    "Workflow step": "办理流程",
    "Take one workflow step on the selected records": "对所选记录执行一个流程步骤",
    "Take this step": "执行此步骤",
    "Status / steps you may take now": "当前状态 / 您现在可执行的步骤",
    "Choose one step of the workflow. It is taken on every selected record where it is "
    "possible; the others are listed with the reason.": (
        "请选择一个流程步骤。可以执行该步骤的记录将全部执行，其余记录会列出原因。"
    ),
    "no step": "无",
    "%(step)s: %(count)d record(s) changed.": "%(step)s：%(count)d 条记录已变更。",
    "Inspection date": "检查日期",
    "Day of the on-site inspection. The next inspection date follows from it and the "
    "enterprise's listing colour.": "现场检查的日期。下次检查日期根据该日期和企业的挂牌颜色计算。",
    "Record inspection": "登记检查",
    "Record an on-site inspection for the selected enterprises": "为所选企业登记现场检查",
    "Last / next inspection": "上次检查 / 下次检查",
    "Records the inspection date as each enterprise's last inspection; its next inspection "
    "date is recomputed. An older date never replaces a newer one.": (
        "将检查日期登记为各企业的上次检查日期，并重新计算下次检查日期。较早的日期不会覆盖较晚的检查记录。"
    ),
    # templates/accountability/admin/bulk/
    "Select all records in this list (all pages)": "选择列表中的全部记录（所有页）",
    "%(count)s record(s) selected": "已选择 %(count)s 条记录",
    "Record": "记录",
    "Will be skipped because": "将跳过的原因",
    "… and %(count)s more record(s).": "……另有 %(count)s 条记录。",
    "%(count)s selected record(s) were not found or are outside your jurisdiction; they "
    "will not be changed.": "%(count)s 条所选记录不存在或不在您的辖区内，不会被修改。",
    "%(changed)s record(s) changed, %(skipped)s not changed.": (
        "%(changed)s 条记录已变更，%(skipped)s 条未变更。"
    ),
    "Not changed": "未变更的记录",
    "Why not changed": "未变更原因",
    "Back to the list": "返回列表",
}
