"""Fictional demo data tables (townships, enterprises, people). Enterprises are invented;
the reference data (districts, industries, criteria, holidays) is in reference_data.py,
holiday_data.py and portal/core/divisions.py."""

DISTRICTS = [
    # code, name, division code, townships
    ("jinshui", "金水区", "410105", [("huayuanlu", "花园路街道"), ("fengchanlu", "丰产路街道")]),
    ("erqi", "二七区", "410103", [("wulibao", "五里堡街道")]),
    ("zhongyuan", "中原区", "410102", [("linshanzhai", "林山寨街道")]),
    ("guancheng", "管城回族区", "410104", []),
    ("huiji", "惠济区", "410108", []),
    ("zhongmu", "中牟县", "410122", [("guandu", "官渡镇")]),
    ("xinzheng", "新郑市", "410184", [("longhu", "龙湖镇")]),
    ("gongyi", "巩义市", "410181", []),
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
    ("官渡化工助剂", "hazchem", "zhongmu", "yellow"),
    ("中牟汽车零部件", "industry", "zhongmu", "blue"),
    ("龙湖路桥建设", "construction", "xinzheng", "yellow"),
    ("新郑烟花经营", "fireworks", "xinzheng", "red"),
    ("巩义耐材", "industry", "gongyi", "yellow"),
    ("巩义石料矿业", "mining", "gongyi", "red"),
    ("嵩北铝土矿业", "mining", "gongyi", "yellow"),
]

PEOPLE = ["王建国", "李明", "张海涛", "刘志强", "陈立新", "杨晓东", "赵卫东", "周建华", "吴国庆",
          "孙志远", "马俊杰", "朱永平"]  # fmt: skip

DEMO_CITY_THEMES = [
    "城市安全源头治理", "城市安全风险评估", "安全发展规划编制", "危险化学品安全管控",
    "道路交通安全", "建设工程施工安全", "城市生命线工程", "人员密集场所安全", "消防安全基础",
    "自然灾害综合防治", "应急救援队伍建设", "应急物资储备", "安全监管执法", "隐患排查治理",
    "安全宣传教育", "社会化服务体系", "安全科技支撑", "应急指挥信息平台",
]  # fmt: skip

SIX_HAVE = ["有班子", "有机制", "有预案", "有队伍", "有物资", "有培训演练"]
