"""Hostile spreadsheets (issue #13, finding 3): each stops early, with a clear Chinese
message, in bounded memory, in both importers (knowledge command, enterprise admin view).

Memory is measured in a child process (its own peak RSS), with bounds generous enough
not to be a timing or machine test: before the fix these files took 0.85-2.2 GB."""

import io
import os
import subprocess
import sys
import tracemalloc

import pytest
from django.conf import settings
from django.urls import reverse

from tests.security import hostile_files as hostile

KNOWLEDGE_HEAD = ["type", "key", "title", "body"]
ENTERPRISE_HEAD = ["企业名称", "统一社会信用代码", "行业", "所属区县"]
RSS_BOUND_MB = 300

BUILDERS = {
    "huge_cell": (hostile.huge_cell, "解压后超过"),
    "3m_empty_rows": (hostile.empty_rows, "连续超过1000行为空"),
    "15m_empty_rows": (lambda p, h: hostile.empty_rows(p, h, 15_000_000), "解压后超过"),
    "15m_row_gap": (hostile.far_row, "连续超过1000行为空"),
    "cell_bomb": (hostile.cell_bomb, "个字符"),
}

_CHILD = r"""
import sys, django
django.setup()
from django.core.management import CommandError, call_command
from django.utils import translation
try:
    call_command("import_knowledge", sys.argv[1], "--no-progress")
    print("RESULT: imported")
except CommandError as exc:
    print("RESULT:", exc)
# Peak RSS of this process. Not ru_maxrss: Linux carries it over from the parent across
# exec, so it would report the test runner's own peak.
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("MAXRSS_KB", peak)
"""


def _env():
    # This checkout first: the shared virtualenv's editable install points elsewhere.
    path = os.pathsep.join(filter(None, [str(settings.BASE_DIR), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "PYTHONPATH": path}


def _run_child(path):
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], cwd=settings.BASE_DIR,
        env=_env(), capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    result = next(line for line in lines if line.startswith("RESULT:"))
    rss_mb = int(next(line for line in lines if line.startswith("MAXRSS_KB")).split()[1]) / 1024
    return result, rss_mb


@pytest.mark.parametrize("kind", BUILDERS)
def test_knowledge_import_stops_early_in_bounded_memory(kind, tmp_path):
    build, message = BUILDERS[kind]
    path = build(tmp_path / f"{kind}.xlsx", KNOWLEDGE_HEAD)
    assert path.stat().st_size < 1_500_000  # small on disk
    result, rss_mb = _run_child(path)
    assert message in result, result
    assert rss_mb < RSS_BOUND_MB, f"{kind}: {rss_mb:.0f} MB"


def test_import_knowledge_command_exits_non_zero_with_the_message(tmp_path):
    path = hostile.far_row(tmp_path / "far.xlsx", KNOWLEDGE_HEAD)
    manage = str(settings.BASE_DIR / "manage.py")
    done = subprocess.run(
        [sys.executable, manage, "import_knowledge", str(path), "--no-progress", "--skip-checks"],
        cwd=settings.BASE_DIR, env=_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0
    assert "从第2行起连续超过1000行为空" in done.stderr
    assert "已导入" not in done.stdout


def test_csv_limits(tmp_path, db):
    from django.core.management import CommandError, call_command

    blank = tmp_path / "blank.csv"
    blank.write_text("type,key,title\n" + "\n" * 3_000_000, encoding="utf-8")
    with pytest.raises(CommandError, match="连续超过1000行为空"):
        call_command("import_knowledge", str(blank), "--no-progress", stdout=io.StringIO())
    long_line = tmp_path / "long.csv"
    long_line.write_text("type,key,title\narticle,k1," + "长" * 2_100_000 + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行超过2000000个字符"):
        call_command("import_knowledge", str(long_line), "--no-progress", stdout=io.StringIO())
    wide_cell = tmp_path / "cell.csv"
    wide_cell.write_text("type,key,title\narticle,k1," + "长" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行第3列的单元格有40000个字符"):
        call_command("import_knowledge", str(wide_cell), "--no-progress", stdout=io.StringIO())


@pytest.mark.parametrize("kind", BUILDERS)
def test_enterprise_admin_import_refuses_hostile_files(kind, world, client, tmp_path):
    build, message = BUILDERS[kind]
    path = build(tmp_path / f"{kind}.xlsx", ENTERPRISE_HEAD)
    client.force_login(world.users["district"])
    tracemalloc.start()
    try:
        with path.open("rb") as upload:
            response = client.post(reverse("accountability_import"), {"file": upload})
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert len(response.content) < 200_000  # no 100 MB preview
    assert peak < 200 * 1024 * 1024, f"{kind}: {peak / 1e6:.0f} MB"
    assert 'name="token"' not in body


def test_enterprise_command_refuses_a_hostile_file(world, tmp_path):
    from django.core.management import CommandError, call_command

    path = hostile.far_row(tmp_path / "far.xlsx", ENTERPRISE_HEAD)
    with pytest.raises(CommandError, match="连续超过1000行为空"):
        call_command("import_enterprises", str(path), stdout=io.StringIO())


def test_limits_come_from_settings(settings, tmp_path):
    from portal.core.spreadsheets import LimitExceeded, Limits, xlsx_rows

    settings.IMPORT_MAX_ROWS = 3
    path = hostile.write_xlsx(
        tmp_path / "four.xlsx",
        [hostile.header_row(["a"])]
        + [
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>v</t></is></c></row>' for n in (2, 3, 4)
        ],
    )
    assert Limits.from_settings().rows == 3
    with pytest.raises(LimitExceeded, match="超过3行数据"):
        list(xlsx_rows(path))
