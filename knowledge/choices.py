"""Controlled vocabularies of the knowledge base, as government portals use them.

Each is a ``TextChoices``; the stored value is a stable ASCII code and the label is what
readers see. Importers accept either the code or the Chinese label. Districts are the
site-wide vocabulary of :mod:`portal.core.districts`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    LAW = "law", _("Law")
    ADMIN_REGULATION = "admin_regulation", _("Administrative regulation")
    LOCAL_REGULATION = "local_regulation", _("Local regulation")
    RULE = "rule", _("Government rule")
    NORMATIVE = "normative", _("Normative document")
    STANDARD = "standard", _("Standard")
    INTERPRETATION = "interpretation", _("Policy interpretation")


class Status(models.TextChoices):
    """Validity status (效力状态)."""

    CURRENT = "current", _("In force")
    TRIAL = "trial", _("On trial")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


class Topic(models.TextChoices):
    """Subject classification (主题分类) shared by documents, plans and articles."""

    GENERAL = "general", _("Emergency management")
    SAFETY_PRODUCTION = "safety_production", _("Work safety")
    FLOOD = "flood", _("Flood and drought")
    EARTHQUAKE = "earthquake", _("Earthquake")
    FOREST_FIRE = "forest_fire", _("Forest fire prevention")
    FIRE = "fire", _("Fire safety")
    CHEMICALS = "chemicals", _("Hazardous chemicals")
    TRAFFIC = "traffic", _("Traffic safety")
    SELF_RESCUE = "self_rescue", _("Self-rescue and mutual aid")
    DISASTER_REDUCTION = "disaster_reduction", _("Disaster reduction")
    RESCUE = "rescue", _("Rescue forces")


class PlanLevel(models.TextChoices):
    MASTER = "master", _("Master plan")
    SPECIAL = "special", _("Special plan")
    DEPARTMENT = "department", _("Department plan")
    GRASSROOTS = "grassroots", _("Grassroots plan")
    ENTERPRISE = "enterprise", _("Enterprise plan")


class PlanClass(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("All hazards")
    NATURAL = "natural", _("Natural disaster")
    ACCIDENT = "accident", _("Accident")
    HEALTH = "health", _("Public health")
    SOCIAL = "social", _("Social security")
    SAFETY = "safety", _("Work safety")


class DrillType(models.TextChoices):
    TABLETOP = "tabletop", _("Tabletop exercise")
    FUNCTIONAL = "functional", _("Functional drill")
    FULL_SCALE = "full_scale", _("Full-scale drill")
    COMBINED = "combined", _("Combined drill")


class ShelterCategory(models.TextChoices):
    """Shelter classes by how long people can stay (GB 21734 style I/II/III)."""

    LONG = "long", _("Class I (long-term)")
    MEDIUM = "medium", _("Class II (medium-term)")
    SHORT = "short", _("Class III (short-term)")


class DemonstrationKind(models.TextChoices):
    NATIONAL_COMMUNITY = "national_community", _("National disaster-reduction community")
    PROVINCIAL_COMMUNITY = "provincial_community", _("Provincial disaster-reduction community")
    EARTHQUAKE_COMMUNITY = "earthquake_community", _("Earthquake-safety community")
    SCHOOL = "school", _("Earthquake science education school")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("Amends")
    REPLACES = "replaces", _("Replaces")
    REPEALS = "repeals", _("Repeals")


class ShelterStatus(models.TextChoices):
    """Whether a shelter takes people in right now (开放状态)."""

    OPEN = "open", _("Open now")
    CLOSED = "closed", _("Not open")
    FULL = "full", _("Full")
    SUSPENDED = "suspended", _("Out of service")


class ShelterType(models.TextChoices):
    """Indoor buildings (schools, gyms) or open ground (parks, squares)."""

    OUTDOOR = "outdoor", _("Outdoor site")
    INDOOR = "indoor", _("Indoor site")
    MIXED = "mixed", _("Indoor and outdoor")


class CoordinateSystem(models.TextChoices):
    """Datums an import file may give coordinates in (stored as GCJ-02)."""

    WGS84 = "wgs84", _("WGS-84 (GPS)")
    GCJ02 = "gcj02", _("GCJ-02 (Amap, Tencent)")
    BD09 = "bd09", _("BD-09 (Baidu)")
