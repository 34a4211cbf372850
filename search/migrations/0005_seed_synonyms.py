"""The first synonym groups (editors extend them in the admin: Snippets → search synonyms)."""

from django.db import migrations

SEED = [
    ("山火 = 森林火灾 = 野火", "山林起火的说法"),
    ("安全月 = 安全生产月", "简称"),
    ("5·12 = 5.12 = 512 = 防灾减灾日", "全国防灾减灾日（5月12日）"),
    ("119 = 消防 = 火警", "火警电话"),
    ("着火 = 失火 = 起火 = 火灾", "居民的说法"),
    ("家里 = 家庭 = 居家", "居民的说法"),
    ("避难所 = 避难场所 = 应急避难场所", "简称"),
    ("危化品 = 危险化学品", "简称"),
    ("防汛 = 汛期 = 暴雨 = 内涝", "汛期常用词"),
    ("煤气 = 燃气 = 天然气", "居民的说法"),
    ("电瓶车 = 电动车 = 电动自行车", "居民的说法"),
    ("应急包 = 应急物资包 = 家庭应急包", "居民的说法"),
    ("举报 = 投诉", "公众监督"),
    ("下雨 = 降雨 = 暴雨", "居民的说法"),
    ("积水 = 涉水", "道路积水"),
    ("开车 = 驾车 = 车辆", "出行"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for words, note in SEED:
        Synonym.objects.get_or_create(words=words, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(words__in=[w for w, _n in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym")]

    operations = [migrations.RunPython(seed, unseed)]
