"""Demo alerts: an example red rainstorm alert that is switched OFF, so the demo site shows
its everyday home page until staff tick “switched on” under Alert banners; the home page
then turns into the emergency layout. Loading the demo again keeps the staff's choice."""

from django.utils import timezone

from portal.core.models import AlertBanner, AlertLevel, HazardType

RED_ALERT_TITLE = "暴雨红色预警（演示）"


def load(stdout):
    alert, created = AlertBanner.objects.get_or_create(
        title=RED_ALERT_TITLE,
        defaults={"enabled": False, "active_from": timezone.now()},
    )
    alert.level = AlertLevel.RED
    alert.hazard = HazardType.RAINSTORM
    alert.message = (
        "过去3小时降雨量已达100毫米以上且降雨仍将持续。请立即停止户外活动，"
        "远离地下空间、低洼地带和河道，需要转移时前往就近避难场所。"
    )
    alert.link_text = ""
    alert.save()
    state = "on" if alert.enabled else "off"
    stdout.write(f"  red rainstorm alert example ({state}; switch it on under Alert banners)")
