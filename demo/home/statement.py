"""Demo 隐私声明/网站声明: what this site really collects (see the privacy notes in
docs), copyright and the links policy. A bureau adapts the wording to its own rules."""

import datetime as dt

from portal.home.site_pages import StatementPage

SLUG = "statement"
TITLE = "隐私声明和网站声明"
SUMMARY = "本网站收集哪些信息、如何使用和保护，以及版权和链接说明。"


def _body():
    def heading(text):
        return {"type": "heading", "value": {"text": text, "level": "h2"}}

    def para(html):
        return {"type": "paragraph", "value": html}

    return [
        heading("一、我们收集的信息"),
        para(
            "<p>浏览本网站无需注册，也无需提供任何个人信息。本网站不使用跟踪型Cookie，"
            "不嵌入第三方统计或广告代码，不记录您的浏览轨迹用于画像。</p>"
        ),
        para(
            "<p>为了记住您的选择，本网站只保存两项偏好：您选择的界面语言（保存在名为django_language的Cookie中），"
            "以及是否开启长者模式（大字体，保存在您浏览器的本地存储中，不发送到服务器）。"
            "清除浏览器数据即可删除这两项偏好。</p>"
        ),
        para(
            "<p>服务器的访问日志会记录访问时间、访问的页面和IP地址，仅用于保障网站安全和排查故障，"
            "不用于其他目的。</p>"
        ),
        heading("二、安全生产举报"),
        para(
            "<p>举报安全生产隐患可以匿名进行，联系方式为选填项。您留下的姓名和电话只有负责处理该线索的区县"
            "应急管理部门工作人员可以看到，仅用于核实情况和答复，不会公开，也不会提供给被举报单位。"
            "凭举报回执码只能查看办理状态和答复，看不到任何人的个人信息。</p>"
        ),
        heading("三、版权声明"),
        para(
            "<p>本网站发布的政府信息、法规文件和政策解读可以免费转载，转载时请注明来源“郑州市应急管理局网站”，"
            "并保持内容完整、不得歪曲原意。网站中标明来源于其他单位的文章、图片和视频，版权归原作者所有，"
            "转载请与原作者联系。</p>"
        ),
        heading("四、链接说明"),
        para(
            "<p>本网站链接的其他网站由其主办单位负责，其内容和隐私做法不代表本局立场。"
            "其他网站需要链接本网站的，可以直接链接首页或栏目页，无需事先申请，但不得以框架等方式将本网站内容"
            "显示为其他网站的内容。</p>"
        ),
        heading("五、联系我们"),
        para(
            "<p>对本声明有疑问，或发现本网站存在错误、无法访问的链接，请通过页面底部的电子邮箱或热线电话与我们联系。</p>"
        ),
    ]


def load(home, stdout):
    page = StatementPage.objects.child_of(home).filter(slug=SLUG).first()
    if page is None:
        page = StatementPage(slug=SLUG, title=TITLE, body=_body())
        home.add_child(instance=page)
    page.title, page.summary, page.body = TITLE, SUMMARY, _body()
    page.updated_on = dt.date(2026, 3, 1)
    page.save_revision().publish()
    stdout.write("  site statement")
