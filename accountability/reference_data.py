"""Reference data of the tracker that every bureau starts with (``manage.py setup_site``):
supervised industries with the departments that regulate them, the 红黄蓝 rating criteria
and the inspection interval of each colour. Everything is editable afterwards in
admin → 安全责任设置; ``setup_site`` only adds what is missing and never overwrites edits.

Which department regulates an industry follows the usual division of duties in Chinese
cities (《安全生产法》 Art. 10 and the city's 安全生产工作职责 list): hazardous chemicals,
non-coal mines, fireworks and industry/trade are supervised by the emergency-management
bureau itself (the city node, ``None`` below); the others by their line department."""

INDUSTRIES = [
    # code, name, regulating department code (None: the bureau itself)
    ("hazchem", "危险化学品", None),
    ("mining", "非煤矿山", None),
    ("fireworks", "烟花爆竹", None),
    ("industry", "工贸", None),
    ("construction", "建筑施工", "zj"),
    ("transport", "交通运输", "jt"),
    ("gas", "城镇燃气", "cg"),
    ("special_equipment", "特种设备", "sj"),
]

DEPARTMENTS = [
    # code, name (they hang below the city)
    ("jt", "市交通运输局"),
    ("zj", "市城乡建设局"),
    ("cg", "市城市管理局"),
    ("sj", "市市场监督管理局"),
]

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

# Days between two inspections for each colour.
INTERVALS = [("red", 30), ("yellow", 90), ("blue", 180)]
