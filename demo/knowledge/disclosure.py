"""Demo content of the 政府信息公开 column: the guide, catalogue records, the 2025 annual
report and replies to suggestions and proposals, among them a summary (in our own words)
of the bureau's reply of 9 July 2021 to 王永军. Idempotent: pages are found by slug, and
index numbers, once given, are kept."""

import datetime as dt

from knowledge.models import (
    AnnualReportPage,
    DisclosureGuidePage,
    DisclosureRecordPage,
    DisclosureTopic,
    ReplyKind,
    ReplyPage,
)

BUREAU = "郑州市应急管理局"
# A demonstration code in the 统一社会信用代码 shape; a bureau sets its own on the column.
ORGANISATION_CODE = "11410100MB1B00000X"


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


GUIDE = [
    _heading("一、总则"),
    *_paragraphs(
        "为保障公民、法人和其他组织依法获取政府信息，依照《中华人民共和国政府信息公开条例》，"
        "编制本指南。需要获取本局政府信息的，请先阅读本指南。"
    ),
    _heading("二、主动公开"),
    *_paragraphs(
        "本局主动公开机构职能、政策文件、规划计划、预算决算、行政许可和行政处罚结果、应急预案、"
        "人事信息、政府信息公开工作年度报告以及人大代表建议和政协委员提案办理结果等信息。",
        "主动公开的信息自形成或者变更之日起20个工作日内在本网站“政府信息公开”栏目发布，"
        "并可在市档案馆、市图书馆的政府信息查阅点查阅。",
    ),
    _heading("三、依申请公开"),
    *_paragraphs(
        "申请人可以通过本网站在线提交、信函或者当面提交书面申请。申请应当写明申请人的姓名或者名称、"
        "身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征描述，以及获取信息的方式。",
        "本局收到申请后能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
        "需要延长的，经负责人同意可以延长不超过20个工作日，并告知申请人。",
        "提供政府信息不收取费用。申请数量、频次明显超过合理范围的，依照国家规定收取信息处理费。",
        "受理机构：郑州市应急管理局办公室；地址：郑州市金水区示例路100号；"
        "邮政编码：450000；受理时间：工作日上午9:00—12:00，下午1:00—5:00；咨询电话：0371-12350。",
    ),
    _heading("四、监督和救济"),
    *_paragraphs(
        "申请人认为本局在政府信息公开工作中侵犯其合法权益的，可以向郑州市人民政府政务公开工作主管部门投诉、举报，"
        "也可以依法申请行政复议或者提起行政诉讼。"
    ),
]

# slug, title, topic, issued, doc number, summary, paragraphs
RECORDS = [
    (
        "functions",
        "郑州市应急管理局主要职责和内设机构",
        DisclosureTopic.ORGANISATION,
        dt.date(2024, 3, 15),
        "",
        "本局在2019年机构改革中组建，承担市应急救援总指挥部办公室等8个议事协调机构的日常工作。",
        [
            "郑州市应急管理局在2019年机构改革中组建，负责全市应急管理、安全生产综合监督管理、"
            "防灾减灾救灾和应急救援工作。",
            "本局承担市应急救援总指挥部、市减灾委员会、市安全生产应急指挥部、市森林防灭火指挥部、"
            "市消防安全应急指挥部、市防汛抗旱指挥部、市抗震救灾应急指挥部和市安全生产委员会的办公室工作。",
        ],
    ),
    (
        "budget-2025",
        "郑州市应急管理局2025年部门预算",
        DisclosureTopic.FINANCE,
        dt.date(2025, 2, 18),
        "",
        "2025年部门收支预算总表、财政拨款收支预算表和“三公”经费预算说明。",
        [
            "按照市财政局统一部署，现公开本局2025年部门预算，包括部门收支总表、财政拨款收支总表、"
            "一般公共预算支出表和“三公”经费预算情况说明。"
        ],
    ),
    (
        "final-accounts-2024",
        "郑州市应急管理局2024年部门决算",
        DisclosureTopic.FINANCE,
        dt.date(2025, 8, 28),
        "",
        "2024年部门收支决算和“三公”经费支出情况。",
        ["现公开本局2024年部门决算，并对收支增减变化和“三公”经费支出情况作出说明。"],
    ),
    (
        "powers-list-2024",
        "郑州市应急管理局权责清单（2024年版）",
        DisclosureTopic.ENFORCEMENT,
        dt.date(2024, 6, 5),
        "",
        "本局行政许可、行政处罚、行政检查等权责事项及其依据和责任方式。",
        [
            "根据法律法规立改废情况，本局对权责清单进行了动态调整，列明每项权力的实施依据、"
            "责任事项和追责情形，接受社会监督。"
        ],
    ),
    (
        "penalties-2025-q3",
        "2025年第三季度安全生产行政处罚信息公示",
        DisclosureTopic.ENFORCEMENT,
        dt.date(2025, 10, 15),
        "",
        "第三季度作出的安全生产行政处罚决定，按企业、违法事实、处罚依据和结果公示。",
        [
            "依照《中华人民共和国安全生产法》，现将本局2025年第三季度作出的安全生产行政处罚决定予以公示，"
            "公示期限为三年。"
        ],
    ),
    (
        "work-points-2025",
        "郑州市2025年安全生产工作要点",
        DisclosureTopic.PLANNING,
        dt.date(2025, 3, 10),
        "郑安委〔2025〕2号",
        "压实安全生产责任，深化隐患排查治理，推进分级分类精准化执法。",
        [
            "全年安全生产工作围绕落实岗位安全责任清单、“红黄蓝”分类挂牌管理、重大隐患挂牌督办和"
            "警示约谈等制度展开，持续推进分级分类精准化执法。"
        ],
    ),
    (
        "model-city-progress",
        "安全发展示范城市创建工作进展情况",
        DisclosureTopic.PLANNING,
        dt.date(2021, 6, 30),
        "",
        "47项评价标准细化为193项对标清单，已完成147项，完成率76%。",
        [
            "我市自2019年启动国家安全发展示范城市创建，将47项评价标准细化为193项对标清单逐项推进，"
            "截至目前已完成147项，完成率76%。"
        ],
    ),
    (
        "flood-season-2025",
        "关于做好2025年汛期安全防范工作的通知",
        DisclosureTopic.EMERGENCY,
        dt.date(2025, 5, 28),
        "郑应急〔2025〕31号",
        "落实防汛责任，做好隐患排查、值班值守、队伍物资和预警信息发布。",
        [
            "各区县（市）、各有关单位要对照防汛应急预案，落实防汛责任和“叫应”机制，"
            "汛前完成隐患排查，备足救援队伍和物资，及时发布预警信息并组织群众转移避险。"
        ],
    ),
    (
        "recruitment-2025",
        "郑州市应急管理局2025年公开招聘事业单位工作人员公告",
        DisclosureTopic.PERSONNEL,
        dt.date(2025, 4, 10),
        "",
        "招聘岗位、报名条件、报名时间和考试安排。",
        ["本局所属事业单位2025年公开招聘工作人员，招聘岗位、条件和程序详见本公告。"],
    ),
]


def _report_stream():
    text = lambda s: {"type": "paragraph", "value": f"<p>{s}</p>"}  # noqa: E731
    head = lambda s: {"type": "heading", "value": s}  # noqa: E731
    requests = {
        "new_person": 14,
        "new_organisation": 3,
        "carried_in_person": 1,
        "carried_in_organisation": 0,
        "disclosed_person": 6,
        "disclosed_organisation": 1,
        "partly_person": 2,
        "partly_organisation": 0,
        "refused_person": 1,
        "refused_organisation": 0,
        "unavailable_person": 4,
        "unavailable_organisation": 1,
        "not_processed_person": 1,
        "not_processed_organisation": 0,
        "other_person": 1,
        "other_organisation": 1,
        "carried_out_person": 0,
        "carried_out_organisation": 0,
    }
    reviews = {
        f"{g}_{o}": 0
        for g in ("review", "direct", "after")
        for o in ("upheld", "corrected", "other", "pending")
    }
    reviews["review_upheld"] = 1
    return [
        head("一、总体情况"),
        text(
            "2025年，本局依照《中华人民共和国政府信息公开条例》，围绕安全生产、防灾减灾救灾和应急救援工作，"
            "及时公开政策文件、执法信息和预警信息，依法办理政府信息公开申请。"
        ),
        text(
            "政府信息管理方面，坚持公开前保密审查，对现行有效的规范性文件进行了清理；平台建设方面，"
            "网站增设长者模式，政府信息公开目录按主题分类并统一编制索引号。"
        ),
        head("二、主动公开政府信息情况"),
        {
            "type": "proactive",
            "value": {
                "rules_made": 0,
                "rules_repealed": 0,
                "rules_current": 0,
                "normative_made": 2,
                "normative_repealed": 1,
                "normative_current": 11,
                "licences": 186,
                "penalties": 412,
                "coercive": 23,
                "fees": "0.00",
            },
        },
        head("三、收到和处理政府信息公开申请情况"),
        {"type": "requests", "value": requests},
        head("四、政府信息公开行政复议、行政诉讼情况"),
        {"type": "reviews", "value": reviews},
        head("五、存在的主要问题及改进情况"),
        text(
            "政策解读形式还比较单一，部分执法信息公开不够及时。下一步将增加图解和问答式解读，"
            "执法决定作出后7个工作日内公示。"
        ),
        head("六、其他需要报告的事项"),
        text("本年度未收取信息处理费。人大代表建议和政协委员提案办理结果已按规定公开。"),
    ]


WANG_REPLY = _paragraphs(
    "王永军委员：您在市十五届人大四次会议上提出的《关于由疫情防控带来的几点思考的建议》收悉。"
    "建议围绕群众有序参与社会治理、紧急状态下依法治理城市、提升依法防范化解重大风险能力提出了思考。"
    "经认真研究，现将办理情况摘要如下。",
    "一是统筹整合，构建“大应急”格局。组织协调上，建立与解放军和武警部队的应急救援对接机制，"
    "本局承担8个议事协调机构的日常工作；把应急管理职能延伸到乡镇（街道）和村（社区）；"
    "各类救援力量统筹共用；持续开展安全宣传教育。",
    "二是依法治理，夯实制度基础。健全应急管理方面的法规、标准和预案，落实安全生产责任制，"
    "加强执法检查，从源头上防范化解风险。",
    "三是科技支撑，提升智慧应急水平。推进“数字郑州·应急”项目和县级智慧应急建设，"
    "指挥中心于2021年底前建成，实现省、市、县互联互通；在新型城市基础设施建设试点中推进"
    "城市安全风险监测预警、城市大脑应急项目，并依托全市数据共享平台汇聚信息。",
    "感谢您对应急管理工作的关心和支持，欢迎继续提出意见建议。",
)

# slug, title, number, kind, session, proposer, replied, mode, summary, body
REPLIES = [
    (
        "wang-yongjun-2021",
        "关于王永军委员《关于由疫情防控带来的几点思考的建议》的答复",
        "原函未注明",
        ReplyKind.SUGGESTION,
        "市十五届人大四次会议",
        "王永军",
        dt.date(2021, 7, 9),
        "summary",
        "从统筹整合、依法治理、科技支撑三个方面答复构建“大应急”体系和提升依法防范重大风险能力的建议。",
        WANG_REPLY,
    ),
    (
        "urban-waterlogging-2025",
        "关于《加强城市内涝防范应急能力建设的提案》的答复",
        "第0215号",
        ReplyKind.PROPOSAL,
        "市政协十五届四次会议",
        "李建华等5位委员",
        dt.date(2025, 6, 20),
        "full",
        "完善内涝风险点清单和预警“叫应”机制，加强排涝救援队伍和物资预置。",
        _paragraphs(
            "李建华委员等：你们提出的提案收悉，现答复如下。",
            "本局会同水利、城管等部门梳理易涝点位，纳入汛前隐患排查；完善预警信息直达基层责任人的"
            "“叫应”机制；在易涝片区预置排涝设备和救援队伍，并组织防汛应急演练。",
            "感谢你们对防汛工作的关心，欢迎继续提出意见建议。",
        ),
    ),
    (
        "high-rise-fire-2025",
        "关于《加强高层住宅消防安全宣传的建议》的答复",
        "第0108号",
        ReplyKind.SUGGESTION,
        "市十六届人大四次会议",
        "张丽",
        dt.date(2025, 6, 12),
        "full",
        "把高层住宅火灾逃生知识纳入“五进”宣传，在安全生产月集中开展。",
        _paragraphs(
            "张丽代表：您提出的建议收悉，现答复如下。",
            "本局将高层住宅火灾预防和逃生知识纳入安全宣传“五进”活动，结合“5·12”防灾减灾日和安全生产月，"
            "组织社区开展疏散演练，并在本网站安全知识栏目持续发布相关内容。",
            "感谢您的关心和支持。",
        ),
    ),
    (
        "community-shelters-2024",
        "关于《推进社区应急避难场所规范化建设的提案》的答复",
        "第0342号",
        ReplyKind.PROPOSAL,
        "市政协十五届三次会议",
        "王敏",
        dt.date(2024, 7, 2),
        "summary",
        "摘要：完善避难场所标识和设施，定期公布名录，结合示范社区创建开展演练。",
        _paragraphs(
            "本局将会同相关部门完善社区应急避难场所的标识和基本设施，在本网站定期更新避难场所名录，"
            "并结合综合减灾示范社区创建，组织居民熟悉就近避险路线。"
        ),
    ),
]


def load(sections, upsert, stdout):
    """Fill the column that ``knowledge.setup`` created; ``upsert`` is the demo's helper."""
    column = sections["disclosure"]
    column.organisation_code = ORGANISATION_CODE
    column.save_revision().publish()
    upsert(
        column,
        DisclosureGuidePage,
        "guide",
        title="政府信息公开指南",
        summary="主动公开的范围和渠道，依申请公开的方式、期限和费用，以及监督和救济途径。",
        updated_on=dt.date(2025, 1, 20),
        body=GUIDE,
    )
    catalogue = sections["disclosure/catalogue"]
    for slug, title, topic, issued, number, summary, paras in RECORDS:
        upsert(
            catalogue,
            DisclosureRecordPage,
            slug,
            title=title,
            topic=topic,
            issued_on=issued,
            doc_number=number,
            issuer=BUREAU,
            summary=summary,
            body=_paragraphs(*paras),
        )
    upsert(
        sections["disclosure/annual-reports"],
        AnnualReportPage,
        "report-2025",
        title=f"{BUREAU}2025年政府信息公开工作年度报告",
        topic=DisclosureTopic.REPORTS,
        issued_on=dt.date(2026, 1, 20),
        issuer=BUREAU,
        report_year=2025,
        summary="2025年主动公开、依申请公开、行政复议和行政诉讼情况，存在的问题及改进措施。",
        report=_report_stream(),
    )
    for slug, title, number, kind, session, who, day, mode, summary, body in REPLIES:
        upsert(
            sections["disclosure/replies"],
            ReplyPage,
            slug,
            title=title,
            reply_number=number,
            kind=kind,
            session=session,
            proposer=who,
            issued_on=day,
            disclosure_mode=mode,
            topic=DisclosureTopic.SUGGESTIONS,
            issuer=BUREAU,
            summary=summary,
            body=body,
        )
    stdout.write(
        f"  disclosure column: guide, {len(RECORDS)} catalogue records, 1 annual report, "
        f"{len(REPLIES)} replies"
    )
