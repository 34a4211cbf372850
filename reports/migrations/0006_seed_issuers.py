"""The issuing bodies of Zhengzhou's emergency-management system and their number
prefixes (the short forms that start their document numbers). They are data: the admin
edits them, and areas not listed here issue in the city bureau's name until added."""

from django.db import migrations

ISSUERS = [
    # area (as named in the jurisdictions), issuing body, number prefix
    ("", "郑州市应急管理局", "郑应急"),
    ("中原区", "中原区应急管理局", "中应急"),
    ("二七区", "二七区应急管理局", "二七应急"),
    ("管城回族区", "管城回族区应急管理局", "管应急"),
    ("金水区", "金水区应急管理局", "金应急"),
    ("上街区", "上街区应急管理局", "上应急"),
    ("惠济区", "惠济区应急管理局", "惠应急"),
    ("中牟县", "中牟县应急管理局", "牟应急"),
    ("巩义市", "巩义市应急管理局", "巩应急"),
    ("荥阳市", "荥阳市应急管理局", "荥应急"),
    ("新密市", "新密市应急管理局", "密应急"),
    ("新郑市", "新郑市应急管理局", "新郑应急"),
    ("登封市", "登封市应急管理局", "登应急"),
]


def seed(apps, schema_editor):
    Issuer = apps.get_model("reports", "Issuer")
    for area, name, prefix in ISSUERS:
        Issuer.objects.get_or_create(area=area, defaults={"name": name, "prefix": prefix})


def unseed(apps, schema_editor):
    Issuer = apps.get_model("reports", "Issuer")
    Issuer.objects.filter(area__in=[a for a, _n, _p in ISSUERS], documents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_issuer_issueddocument")]

    operations = [migrations.RunPython(seed, unseed)]
