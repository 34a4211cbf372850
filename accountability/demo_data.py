"""Fictional demo data tables (names, districts, holidays). Enterprises are invented."""

DISTRICTS = [
    # code, name, division code, townships
    ("jinshui", "金水区", "410105", [("huayuanlu", "花园路街道"), ("fengchanlu", "丰产路街道")]),
    ("erqi", "二七区", "410103", [("wulibao", "五里堡街道")]),
    ("zhongyuan", "中原区", "410102", [("linshanzhai", "林山寨街道")]),
    ("guancheng", "管城回族区", "410104", []),
    ("huiji", "惠济区", "410108", []),
    ("zhongmou", "中牟县", "410122", [("guandu", "官渡镇")]),
    ("xinzheng", "新郑市", "410184", [("longhu", "龙湖镇")]),
    ("gongyi", "巩义市", "410181", []),
]

INDUSTRIES = [
    ("hazchem", "危险化学品"),
    ("industry", "工贸"),
    ("construction", "建筑施工"),
    ("transport", "交通运输"),
    ("mining", "矿山"),
    ("fireworks", "烟花爆竹"),
]

DEPARTMENTS = [
    ("jt", "市交通运输局", ["transport"]),
    ("zj", "市城乡建设局", ["construction"]),
    ("gx", "市工业和信息化局", ["industry"]),
]

# name stem, industry code, district code, colour
ENTERPRISES = [
    ("豫中精细化工", "hazchem", "jinshui", "red"),
    ("金祥燃气储运", "hazchem", "jinshui", "yellow"),
    ("花园路商贸物流", "transport", "jinshui", "blue"),
    ("北环建设工程", "construction", "jinshui", "yellow"),
    ("金水机械加工", "industry", "jinshui", "blue"),
    ("二七危化品仓储", "hazchem", "erqi", "red"),
    ("嵩山路客运", "transport", "erqi", "blue"),
    ("德化金属制品", "industry", "erqi", "yellow"),
    ("中原涂料", "hazchem", "zhongyuan", "yellow"),
    ("林山寨建筑安装", "construction", "zhongyuan", "blue"),
    ("中原铝业加工", "industry", "zhongyuan", "blue"),
    ("管城粮油机械", "industry", "guancheng", "blue"),
    ("商都货运", "transport", "guancheng", "yellow"),
    ("惠济黄河建材", "industry", "huiji", "blue"),
    ("惠济物流园运输", "transport", "huiji", "blue"),
    ("官渡化工助剂", "hazchem", "zhongmou", "yellow"),
    ("中牟汽车零部件", "industry", "zhongmou", "blue"),
    ("龙湖路桥建设", "construction", "xinzheng", "yellow"),
    ("新郑烟花经营", "fireworks", "xinzheng", "red"),
    ("巩义耐材", "industry", "gongyi", "yellow"),
    ("巩义石料矿业", "mining", "gongyi", "red"),
    ("嵩北铝土矿业", "mining", "gongyi", "yellow"),
]

PEOPLE = ["王建国", "李明", "张海涛", "刘志强", "陈立新", "杨晓东", "赵卫东", "周建华", "吴国庆",
          "孙志远", "马俊杰", "朱永平"]  # fmt: skip

# 2026 public holidays and adjusted working days (editable in the admin).
CALENDAR_2026 = [
    ("2026-01-01", False, "元旦"), ("2026-01-02", False, "元旦"),
    ("2026-01-04", True, "元旦调休"),
    ("2026-02-14", True, "春节调休"),
    *[(f"2026-02-{d}", False, "春节") for d in range(16, 24)],
    ("2026-02-28", True, "春节调休"),
    ("2026-04-06", False, "清明节"),
    ("2026-05-01", False, "劳动节"), ("2026-05-04", False, "劳动节"), ("2026-05-05", False, "劳动节"),
    ("2026-05-09", True, "劳动节调休"),
    ("2026-06-19", False, "端午节"),
    ("2026-09-20", True, "国庆节调休"),
    ("2026-09-25", False, "中秋节"),
    *[(f"2026-10-0{d}", False, "国庆节") for d in range(1, 8)],
    ("2026-10-10", True, "国庆节调休"),
    ("2027-01-01", False, "元旦"),
]  # fmt: skip

CRITERIA = [
    ("red", "近一年内发生生产安全死亡事故"),
    ("red", "存在重大事故隐患逾期未整改"),
    ("red", "涉及重大危险源且安全管理评估不合格"),
    ("yellow", "一般隐患整改不及时、反复出现"),
    ("yellow", "被警示约谈后承诺事项未全部落实"),
    ("yellow", "安全生产标准化未达三级"),
    ("blue", "安全生产标准化达到二级及以上"),
    ("blue", "近三年无生产安全事故且隐患整改闭环"),
]

FREQUENCIES = [("red", 30), ("yellow", 90), ("blue", 180)]

DEMO_CITY_THEMES = [
    "城市安全源头治理", "城市安全风险评估", "安全发展规划编制", "危险化学品安全管控",
    "道路交通安全", "建设工程施工安全", "城市生命线工程", "人员密集场所安全", "消防安全基础",
    "自然灾害综合防治", "应急救援队伍建设", "应急物资储备", "安全监管执法", "隐患排查治理",
    "安全宣传教育", "社会化服务体系", "安全科技支撑", "应急指挥信息平台",
]  # fmt: skip

SIX_HAVE = ["有班子", "有机制", "有预案", "有队伍", "有物资", "有培训演练"]
