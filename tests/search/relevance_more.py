"""The grown relevance set: the 34 bureau documents of relevance.py plus 288 district
documents (12 districts × 12 recurring kinds of bureau publication × 2 years), and 150+
labelled queries in categories. The queries were all written before any ranking weight was
tuned (committed first); the analysis (Traditional, pinyin, synonyms, compounds) existed.

District documents are near-duplicates of each other on purpose: the right answer for
二七区防汛应急预案 must beat eleven other districts' flood plans and the city plan."""

import datetime as dt

from search.factories import SearchDocumentFactory

from .relevance import DOCS, QUERIES

DISTRICTS = {
    "zy": ("中原区", "碧沙岗公园", "须水河"),
    "eq": ("二七区", "二七广场", "樱桃沟"),
    "gc": ("管城回族区", "商城遗址公园", "潮河"),
    "js": ("金水区", "紫荆山公园", "金水河"),
    "sj": ("上街区", "上街体育场", "枯河"),
    "hj": ("惠济区", "黄河湿地公园", "贾鲁河"),
    "gy": ("巩义市", "杜甫故里广场", "伊洛河"),
    "xy": ("荥阳市", "索河公园", "索河"),
    "xm": ("新密市", "青屏广场", "溱水河"),
    "xz": ("新郑市", "黄帝故里广场", "双洎河"),
    "df": ("登封市", "嵩山广场", "颍河"),
    "zm": ("中牟县", "雁鸣湖广场", "贾鲁河中牟段"),
}

# kind: (type, title template, body template); {d} district, {p} place, {r} river, {y} year
KINDS = {
    "flood": ("plan", "{d}防汛应急预案", "汛期强降雨时，{d}防汛抗旱指挥部根据暴雨预警启动应急响应，"
              "对{r}沿线低洼地带群众提前转移，做好城市内涝防范。"),
    "shelter": ("directory", "{d}应急避难场所名录", "{d}已建成应急避难场所多处，其中{p}可容纳"
                "上万人，场所内设有应急供水、照明和厕所。"),
    "forest": ("plan", "{d}森林防灭火工作方案", "进入森林防火期后，{d}严格野外用火管理，"
               "护林员巡山护林，发现山林起火立即报告。"),
    "month": ("campaign", "{d}{y}年安全生产月活动总结", "{d}围绕人人讲安全、个个会应急主题，"
              "在{p}举办安全宣传咨询日，组织企业开展隐患排查。"),
    "quake": ("drill", "{d}地震应急演练", "{d}组织地震应急演练，模拟强烈地震后人员疏散、"
              "伤员搜救和群众安置，参演群众集中到{p}。"),
    "chem": ("notice", "{d}危险化学品企业专项检查通报", "{d}对辖区危险化学品生产、储存企业"
             "开展专项检查，责令整改储罐区隐患，对违法行为依法处罚。"),
    "day": ("campaign", "{d}{y}年防灾减灾日宣传活动", "5月12日前后，{d}在{p}开展防灾减灾"
            "知识宣传，发放宣传资料，演示灭火器使用。"),
    "team": ("article", "{d}应急救援队伍建设情况", "{d}现有综合性消防救援队伍和专业救援力量，"
             "在{r}沿线布设抢险救援队，定期开展拉练。"),
    "gas": ("notice", "{d}燃气安全隐患排查整治", "{d}组织对餐饮场所和老旧小区燃气管道开展"
            "排查整治，检查燃气报警器和软管，消除泄漏隐患。"),
    "school": ("drill", "{d}中小学消防疏散演练", "{d}各中小学开展消防疏散演练，学生用湿毛巾"
               "捂住口鼻，沿疏散通道撤离到操场。"),
    "space": ("notice", "{d}有限空间作业安全检查", "{d}检查污水井、化粪池等有限空间作业，"
              "要求先通风、再检测、后作业，严禁盲目施救。"),
    "ebike": ("article", "{d}电动自行车火灾防范提示", "{d}提醒居民电动自行车不要在楼道和室内"
              "充电，小区设置集中充电桩，防止充电起火。"),
}  # fmt: skip
YEARS = (2023, 2024)


def district_documents():
    docs = []
    for code, (name, place, river) in DISTRICTS.items():
        for kind, (type_, title, body) in KINDS.items():
            for year in YEARS:
                values = {"d": name, "p": place, "r": river, "y": year}
                docs.append(
                    SearchDocumentFactory(
                        key=f"rel:{kind}-{code}-{year}",
                        source="rel",
                        type=type_,
                        type_label=type_,
                        title=title.format(**values),
                        body=body.format(**values) + f"（{year}年）",
                        date=dt.date(year, 6, 1),
                        topic=kind,
                    )
                )
    return docs


def both(kind, code):
    return [f"{kind}-{code}-{y}" for y in YEARS]


def yearly(kind, code, year):
    return [f"{kind}-{code}-{year}"]


# (category, query, relevant keys in order of preference; the first is "the" answer)
KEYWORD = [("keyword", text, keys) for text, keys in QUERIES] + [
    ("keyword", "二七区防汛应急预案", both("flood", "eq")),
    ("keyword", "金水区应急避难场所", both("shelter", "js")),
    ("keyword", "登封市森林防灭火", both("forest", "df")),
    ("keyword", "中牟县地震应急演练", both("quake", "zm")),
    ("keyword", "新郑市危险化学品检查", both("chem", "xz")),
    ("keyword", "巩义市燃气安全", both("gas", "gy")),
    ("keyword", "荥阳市有限空间作业", both("space", "xy")),
    ("keyword", "惠济区应急救援队伍", both("team", "hj")),
    ("keyword", "上街区消防疏散演练", both("school", "sj")),
    ("keyword", "管城回族区电动自行车", both("ebike", "gc")),
    ("keyword", "新密市防汛", both("flood", "xm")),
    ("keyword", "中原区避难场所", both("shelter", "zy")),
    ("keyword", "2023年金水区安全生产月", yearly("month", "js", 2023)),
    ("keyword", "2024年二七区防灾减灾日", yearly("day", "eq", 2024)),
    ("keyword", "登封市2024年安全生产月活动", yearly("month", "df", 2024)),
    ("keyword", "惠济区防灾减灾日", both("day", "hj")),
    ("keyword", "紫荆山公园避难场所", both("shelter", "js")),
    ("keyword", "贾鲁河防汛", both("flood", "hj") + both("flood", "zm")),
    ("keyword", "樱桃沟", both("flood", "eq") + both("team", "eq")),
    ("keyword", "双洎河沿线转移", both("flood", "xz")),
    ("keyword", "新郑市燃气管道", both("gas", "xz")),
    ("keyword", "巩义市有限空间", both("space", "gy")),
    ("keyword", "上街区应急避难场所名录", both("shelter", "sj")),
    ("keyword", "中牟县危险化学品", both("chem", "zm")),
    ("keyword", "荥阳市森林防火", both("forest", "xy")),
]
NATURAL = [
    ("natural", "二七区哪里有应急避难场所", both("shelter", "eq")),
    ("natural", "金水区下暴雨怎么转移群众", both("flood", "js")),
    ("natural", "登封市山上着火了有人管吗", both("forest", "df")),
    ("natural", "中原区学校怎么组织消防疏散", both("school", "zy")),
    ("natural", "新郑市饭店燃气检查结果", both("gas", "xz")),
    ("natural", "荥阳市污水井作业要注意什么", both("space", "xy")),
    ("natural", "惠济区有多少救援队", both("team", "hj")),
    ("natural", "巩义市危化品企业检查情况", both("chem", "gy")),
    ("natural", "电动车能不能在楼道充电", ["fire-ebike", "fire-home"]),
    ("natural", "出现中暑症状应该去哪里休息", ["heat"]),
    ("natural", "化工园区泄漏演练", ["drill-chem"]),
    ("natural", "发现事故隐患打什么电话举报", ["hotline"]),
    ("natural", "企业重大隐患要向谁报告", ["hazard", "supervise"]),
    ("natural", "下雨天开车遇到积水怎么办", ["rain-safe"]),
    ("natural", "闻到燃气味道应该怎么做", ["gas"]),
    ("natural", "孩子夏天去河里游泳安全吗", ["drown"]),
    ("natural", "应急预案多久修订一次", ["plan-manage"]),
    ("natural", "发生事故的企业还能评先进吗", ["veto"]),
    ("natural", "上街区的地震演练在哪里集合", both("quake", "sj")),
    ("natural", "中牟县小区电瓶车着火怎么预防", both("ebike", "zm")),
]
TRADITIONAL = [
    ("traditional", "應急避難場所", ["shelter-list", "shelter-guide"]),
    ("traditional", "鄭州市地震應急預案", ["plan-quake"]),
    ("traditional", "防汛應急預案", ["plan-flood"]),
    ("traditional", "危險化學品洩漏", ["plan-chem", "drill-chem"]),
    ("traditional", "森林火災", ["plan-forest"]),
    ("traditional", "安全生產月", ["month-2024"]),
    ("traditional", "隱患排查治理", ["hazard", "supervise"]),
    ("traditional", "應急救援隊伍", ["team"]),
    ("traditional", "二七區應急避難場所", both("shelter", "eq")),
    ("traditional", "金水區防汛", both("flood", "js")),
    ("traditional", "電動自行車充電", ["fire-ebike", "fire-home"]),
    ("traditional", "有限空間作業", ["limited"]),
    ("traditional", "災害信息員", ["info-officer"]),
    ("traditional", "燃氣洩漏", ["gas"]),
    ("traditional", "被困電梯", ["elevator"]),
]
PINYIN = [
    ("pinyin", "yingji jiuyuan duiwu", ["team"]),
    ("pinyin", "yingjijiuyuanduiwu", ["team"]),
    ("pinyin", "fangxun yingji yuan", ["plan-flood"]),
    ("pinyin", "binan changsuo", ["shelter-list", "shelter-guide"]),
    ("pinyin", "anquan shengchan yue", ["month-2024"]),
    ("pinyin", "dizhen yingji yuan", ["plan-quake"]),
    ("pinyin", "guapai duban", ["supervise"]),
    ("pinyin", "yipiao foujue", ["veto"]),
    ("pinyin", "zaihai xinxiyuan", ["info-officer"]),
    ("pinyin", "beikun dianti", ["elevator"]),
    ("pinyin", "fangnishui", ["drown"]),
    ("pinyin", "yjjydw", ["team"]),
    ("pinyin", "yjbncsml", ["shelter-list"]),
    ("pinyin", "erqiqu fangxun", both("flood", "eq")),
    ("pinyin", "jinshuiqu binan changsuo", both("shelter", "js")),
]
SHORT = [
    ("short", "安全月", ["month-2024"]),
    ("short", "危化品泄漏", ["plan-chem", "drill-chem"]),
    ("short", "避难所", ["shelter-list", "shelter-guide"]),
    ("short", "减灾日", ["day-2024"]),
    ("short", "应急包", ["kit"]),
    ("short", "安全法解读", ["law"]),
    ("short", "红黄蓝", ["rybl"]),
    ("short", "五到位", ["five"]),
    ("short", "金水区安全月", both("month", "js")),
    ("short", "二七区避难所", both("shelter", "eq")),
    ("short", "防灭火", ["plan-forest"]),
    ("short", "地灾预案", ["plan-geo"]),
]
SYNONYMS = [
    ("synonyms", "山火", ["plan-forest"]),
    ("synonyms", "野火扑救", ["plan-forest"]),
    ("synonyms", "5·12", ["day-2024"]),
    ("synonyms", "5.12宣传", ["day-2024"]),
    ("synonyms", "煤气泄漏", ["gas"]),
    ("synonyms", "电瓶车充电", ["fire-ebike", "fire-home"]),
    ("synonyms", "天然气安全", ["gas"]),
    ("synonyms", "家庭应急包", ["kit"]),
    ("synonyms", "登封市山火", both("forest", "df")),
    ("synonyms", "新郑市煤气", both("gas", "xz")),
    ("synonyms", "举报电话", ["hotline"]),
    ("synonyms", "居家防火", ["fire-home"]),
]
QUESTIONS = [
    ("questions", "家里着火了怎么办", ["fire-home"]),
    ("questions", "地震来了怎么办", ["quake-self"]),
    ("questions", "中暑了怎么办", ["heat"]),
    ("questions", "被困电梯怎么办", ["elevator"]),
    ("questions", "最近的避难场所在哪里", ["shelter-guide", "shelter-list"]),
    ("questions", "避难场所在哪", ["shelter-guide", "shelter-list"]),
    ("questions", "如何自救互救", ["quake-self"]),
    ("questions", "应急包怎么准备", ["kit"]),
    ("questions", "有限空间作业如何防止中毒", ["limited"]),
    ("questions", "燃气泄漏了怎么办", ["gas"]),
    ("questions", "如何举报安全隐患", ["hotline"]),
    ("questions", "二七区避难场所在哪里", both("shelter", "eq")),
    ("questions", "暴雨天怎么出行", ["rain-safe"]),
    ("questions", "防溺水要注意什么", ["drown"]),
    ("questions", "什么是一票否决", ["veto"]),
]


def titled(char):
    """Labelling rule for one-character queries: every document whose title contains the
    character is relevant (a resident typing 火 wants anything about fire)."""
    titles = [(key, title) for key, _t, title, *_rest in DOCS]
    for code, (name, place, river) in DISTRICTS.items():
        for kind, (_type, title, _body) in KINDS.items():
            for year in YEARS:
                titles.append(
                    (f"{kind}-{code}-{year}", title.format(d=name, p=place, r=river, y=year))
                )
    return [key for key, title in titles if char in title]


SINGLE = [("single", char, titled(char)) for char in "火水震汛梯暑"]

# Relabelled after the first run (honestly: after seeing results): the 35 queries of
# relevance.py were judged against its 34 documents only; a district document of the
# same kind answers them just as well (防汛 → 二七区防汛应急预案), so it is relevant too.
# The same for three new queries whose district answers were overlooked.
ALSO_RELEVANT = {
    "地震": "quake", "应急预案": "flood", "防汛": "flood", "暴雨预警": "flood",
    "森林火灾": "forest", "安全生产月": "month", "防灾减灾日": "day", "电动自行车充电": "ebike",
    "学校疏散演练": "school", "救援队伍有哪些": "team", "燃气泄漏": "gas", "有限空间作业": "space",
    "防汛應急預案": "flood", "燃氣洩漏": "gas", "fangxun yingji yuan": "flood",
    "防灭火": "forest", "煤气泄漏": "gas", "电动车能不能在楼道充电": "ebike",
}  # fmt: skip


# Bureau documents titled with the query that the old lists left out.
ALSO_KEYS = {"应急预案": ["plan-geo", "plan-forest"]}


def _relabel(queries):
    out = []
    for category, text, keys in queries:
        kind = ALSO_RELEVANT.get(text)
        extra = [f"{kind}-{c}-{y}" for c in DISTRICTS for y in YEARS] if kind else []
        extra += ALSO_KEYS.get(text, [])
        out.append((category, text, keys + [k for k in extra if k not in keys]))
    return out


ALL_QUERIES = _relabel(
    KEYWORD + NATURAL + TRADITIONAL + PINYIN + SHORT + SYNONYMS + QUESTIONS + SINGLE
)


def documents():
    from .relevance import documents as bureau_documents

    return bureau_documents() + district_documents()


assert len(DOCS) + len(DISTRICTS) * len(KINDS) * len(YEARS) >= 300
assert len(ALL_QUERIES) >= 150
