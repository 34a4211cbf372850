"""Scheduled jobs: collect ``SCHEDULES`` from every installed app's ``schedules.py`` and
keep django-q2 ``Schedule`` rows in line with them, matched by name.

Each entry is a dict: ``name`` (unique, shown in the admin), ``func`` (dotted path),
``schedule_type`` (``D`` daily, ``H`` hourly, ``W`` weekly, ``I`` every N minutes),
optional ``minutes`` (the interval for ``I``), ``hour`` (local hour of day for ``D``/``W``),
``weekday`` (0 = Monday, for ``W``), ``kwargs`` (dict). Syncing is idempotent: a schedule
whose definition did not change keeps its next run time.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule

TYPES = {"D", "H", "W", "I"}


class ScheduleError(ValueError):
    pass


def collect() -> list[dict]:
    """All declared schedules, in app order; raises ScheduleError on a malformed entry."""
    found, names = [], set()
    for config in apps.get_app_configs():
        module_name = f"{config.name}.schedules"
        try:
            if find_spec(module_name) is None:
                continue
        except ModuleNotFoundError:
            continue
        module = import_module(module_name)
        for entry in getattr(module, "SCHEDULES", []):
            spec = validate(entry, module_name)
            if spec["name"] in names:
                raise ScheduleError(f"{module_name}: duplicate schedule name {spec['name']!r}")
            names.add(spec["name"])
            found.append(spec)
    return found


def validate(entry: dict, origin: str = "") -> dict:
    where = f"{origin}: " if origin else ""
    name, func, kind = entry.get("name"), entry.get("func"), entry.get("schedule_type")
    if not name or not func:
        raise ScheduleError(f"{where}every schedule needs a name and a func: {entry!r}")
    if kind not in TYPES:
        raise ScheduleError(f"{where}{name}: schedule_type must be one of D, H, W, I")
    try:
        import_string(func)
    except ImportError as exc:
        raise ScheduleError(f"{where}{name}: cannot import {func}: {exc}") from exc
    hour = entry.get("hour")
    if hour is not None and not (isinstance(hour, int) and 0 <= hour <= 23):
        raise ScheduleError(f"{where}{name}: hour must be 0-23")
    minutes = entry.get("minutes")
    if kind == "I" and not (isinstance(minutes, int) and minutes > 0):
        raise ScheduleError(f"{where}{name}: schedule_type I needs minutes > 0")
    weekday = entry.get("weekday", 0)
    if not (isinstance(weekday, int) and 0 <= weekday <= 6):
        raise ScheduleError(f"{where}{name}: weekday must be 0 (Monday) to 6")
    return {
        "name": str(name)[:100],
        "func": func,
        "schedule_type": kind,
        "minutes": minutes if kind == "I" else None,
        "hour": hour,
        "weekday": weekday,
        "kwargs": entry.get("kwargs") or {},
        # What staff read in the scheduled-jobs list; the name stays the stable key.
        "label": entry.get("label") or name,
    }


def labels() -> dict:
    """Schedule name -> the (translated) label its app declares."""
    return {spec["name"]: spec["label"] for spec in collect()}


def first_run(spec: dict, now: dt.datetime | None = None) -> dt.datetime:
    """The next time the schedule should fire, counted from ``now``."""
    now = timezone.localtime(now or timezone.now())
    kind = spec["schedule_type"]
    if kind == "I":
        return now + dt.timedelta(minutes=spec["minutes"])
    if kind == "H":
        return now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    hour = spec["hour"] if spec["hour"] is not None else 2
    candidate = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if kind == "D":
        return candidate if candidate > now else candidate + dt.timedelta(days=1)
    candidate += dt.timedelta(days=(spec["weekday"] - candidate.weekday()) % 7)
    return candidate if candidate > now else candidate + dt.timedelta(weeks=1)


def _kwargs_text(kwargs: dict) -> str | None:
    return ", ".join(f"{k}={v!r}" for k, v in sorted(kwargs.items())) or None


def sync(specs: list[dict] | None = None, now=None) -> dict[str, list[str]]:
    """Create or update Schedule rows; returns the names created, updated and unchanged."""
    result = {"created": [], "updated": [], "unchanged": []}
    for spec in collect() if specs is None else [validate(s) for s in specs]:
        wanted = {
            "func": spec["func"],
            "schedule_type": spec["schedule_type"],
            "minutes": spec["minutes"],
            "kwargs": _kwargs_text(spec["kwargs"]),
            "repeats": -1,
        }
        schedule = Schedule.objects.filter(name=spec["name"]).order_by("pk").first()
        if schedule is None:
            Schedule.objects.create(name=spec["name"], next_run=first_run(spec, now), **wanted)
            result["created"].append(spec["name"])
            continue
        changed = {k: v for k, v in wanted.items() if getattr(schedule, k) != v}
        timing_changed = bool({"schedule_type", "minutes"} & changed.keys())
        if schedule.next_run and spec["hour"] is not None and spec["schedule_type"] in "DW":
            timing_changed |= timezone.localtime(schedule.next_run).hour != spec["hour"]
        if not changed and not timing_changed:
            result["unchanged"].append(spec["name"])
            continue
        for field, value in changed.items():
            setattr(schedule, field, value)
        if timing_changed or schedule.next_run is None:
            schedule.next_run = first_run(spec, now)
        schedule.save()
        result["updated"].append(spec["name"])
    return result
