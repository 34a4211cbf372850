"""A small report kind used by the pipeline tests (and by the qcluster subprocess, whose
settings module imports this file). It needs no other app's models."""

from portal.core.charts import bar_chart
from reports.registry import ReportKind

DISTRICTS = ["金水区", "二七区", "中原区", "管城回族区", "惠济区"]


class RosterReport(ReportKind):
    name = "test_roster"
    label = "应急值守人员名册"
    template = "reports/generic_report.html"

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=30)
        parser.add_argument("--fail", action="store_true")

    def clean_params(self, params):
        rows = params.get("rows", 30)
        if not isinstance(rows, int) or not 1 <= rows <= 5000:
            raise ValueError("行数必须在1到5000之间")
        return {"rows": rows, "fail": bool(params.get("fail"))}

    def context(self, params, user, progress):
        if params["fail"]:
            raise ValueError("模拟的数据源故障：值班系统无法连接")
        rows = []
        for i in range(params["rows"]):
            rows.append([i + 1, f"值班员{i + 1:04d}", DISTRICTS[i % 5], "防汛抗旱"])
            progress((i + 1) / params["rows"])
        counts = [(d, sum(1 for r in rows if r[2] == d)) for d in DISTRICTS]
        return {
            "subtitle": "防汛值守安排",
            "sections": [
                {
                    "heading": "一、各区值守人数",
                    "paragraphs": ["按照防汛抗旱指挥部要求，各区落实二十四小时值守。"],
                    "chart": bar_chart(counts, "各区值守人数", heading=True),
                },
                {
                    "heading": "二、值守人员名单",
                    "columns": ["序号", "姓名", "所属区县", "专项指挥部"],
                    "rows": rows,
                },
            ],
        }

    def filename(self, params):
        return "roster.pdf"


def remind_superusers():
    """A scheduled job for the cluster test: remind every superuser, once."""
    from django.contrib.auth import get_user_model

    from notifications.notify import notify

    users = get_user_model().objects.filter(is_superuser=True)
    return len(
        notify(users, "值班表复核提醒", "请复核本周防汛值班表。", key="cluster-test-reminder")
    )
