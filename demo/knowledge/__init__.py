"""Demo content of the knowledge base: section pages, regulations with relations and a
generated PDF attachment, the plan hierarchy with drills, safety articles, the 27
earthquake shelters and demonstration sites, and the 政府信息公开 column (see
:mod:`demo.knowledge.disclosure`). Idempotent: pages are found by slug."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from knowledge import setup
from knowledge.desk import EDITORS, REVIEWERS, attach_desk
from knowledge.models import (
    ArticlePage,
    DemonstrationSitePage,
    DocumentRelation,
    DrillIndexPage,
    DrillPage,
    PlanAttachment,
    PlanPage,
    RegulationAttachment,
    RegulationPage,
    ShelterPage,
)
from portal.home.models import HomePage

from ..accounts import demo_account
from . import articles, disclosure, documents, places, plans
from . import shelters as shelters_demo

ORDER = 10


def _paragraphs(paragraphs):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def _article_body(items):
    body = []
    for kind, text in items:
        if kind == "heading":
            body.append({"type": "heading", "value": {"text": text, "level": "h2"}})
        elif kind in ("tip", "warning"):
            body.append(
                {"type": "callout", "value": {"kind": kind, "title": "", "text": f"<p>{text}</p>"}}
            )
        else:
            body.append({"type": "paragraph", "value": f"<p>{text}</p>"})
    return body


def upsert(parent, model, slug, **fields):
    """Create or update the child of ``parent`` with ``slug`` and publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    children = fields.pop("_children", {})
    if page is None:
        page = model(slug=slug, **fields)
        for name, items in children.items():
            setattr(page, name, items)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        for name, items in children.items():
            setattr(page, name, items)
    page.save_revision().publish()
    _backdate(page)
    return page


def _backdate(page):
    """Demo documents went online the day they were issued, not the day the demo was
    loaded: ``first_published_at`` follows the document's own date (as imports do)."""
    field = getattr(type(page), "latest_date_field", None) or (
        "published_on" if hasattr(page, "published_on") else None
    )
    day = getattr(page, field, None) if field else None
    if day is None:
        return
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    # publish() sets the date on another instance: update the row, not ``page``.
    Page.objects.filter(pk=page.pk, first_published_at__gt=when).update(first_published_at=when)


def _pdf_document():
    Document = get_document_model()
    document = Document.objects.filter(title=documents.PDF_TITLE).first()
    if document is None:
        # Imported here: WeasyPrint takes about 2 s to import, and only a first load needs it.
        from weasyprint import HTML

        pdf = HTML(string=documents.PDF_HTML).write_pdf()
        # A database flushed by a test run lost the root collection Wagtail's migration made.
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = Document(title=documents.PDF_TITLE, collection=collection)
        document.file.save("incident-report-form.pdf", ContentFile(pdf), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _regulations(index, stdout):
    pages = {}
    for row in documents.REGULATIONS:
        (
            slug,
            title,
            doc_type,
            topic,
            issuer,
            number,
            written,
            issued,
            effective,
            status,
            summary,
            paras,
        ) = row
        children = {}
        if slug == documents.PDF_FOR:
            children["attachments"] = [RegulationAttachment(document=_pdf_document())]
        pages[slug] = upsert(
            index,
            RegulationPage,
            slug,
            title=title,
            doc_type=doc_type,
            topic=topic,
            issuer=issuer,
            doc_number=number,
            written_on=written,
            issued_on=issued,
            effective_on=effective,
            status=status,
            summary=summary,
            index_number=f"11410100MB1B0000X/{issued.year}-{len(pages) + 1:05d}",
            body=_paragraphs(paras),
            _children=children,
        )
    for newer, older, kind in documents.RELATIONS:
        upsert(
            index,
            RegulationPage,
            newer,
            _children={"relations": [DocumentRelation(kind=kind, target=pages[older])]},
        )
    stdout.write(f"  {len(pages)} regulations and policy documents")


def _plans(index, stdout):
    pages = {}
    for row in plans.PLANS:
        (
            slug,
            title,
            level,
            plan_class,
            parent_slug,
            dept,
            number,
            issued,
            evaluated,
            months,
            summary,
            paras,
        ) = row
        pages[slug] = upsert(
            index,
            PlanPage,
            slug,
            title=title,
            level=level,
            plan_class=plan_class,
            parent_plan=pages.get(parent_slug),
            department=dept,
            doc_number=number,
            issuer=dept,
            issued_on=issued,
            effective_on=issued,
            last_evaluated_on=evaluated,
            review_interval_months=months,
            summary=summary,
            body=_paragraphs(paras),
            topic="general"
            if plan_class == "comprehensive"
            else "safety_production"
            if plan_class == "safety"
            else "disaster_reduction",
            _children={"attachments": [PlanAttachment(document=_pdf_document())]}
            if slug == "master-plan"
            else {},
        )
    drills_index = upsert(
        index,
        DrillIndexPage,
        "drills",
        title="应急演练",
        intro="按预案组织的桌面推演、功能演练和实战演练，以及演练发现的问题和改进措施。",
    )
    for (
        slug,
        title,
        plan,
        day,
        kind,
        organiser,
        who,
        count,
        where,
        scenario,
        findings,
    ) in plans.DRILLS:
        upsert(
            drills_index,
            DrillPage,
            slug,
            title=title,
            plan=pages[plan],
            drilled_on=day,
            drill_type=kind,
            organiser=organiser,
            participants=who,
            participant_count=count,
            location=where,
            scenario=scenario,
            findings=findings,
            summary=scenario[:100],
        )
    stdout.write(f"  {len(pages)} plans, {len(plans.DRILLS)} drills")


def _articles(index, stdout):
    for slug, title, topic, day, summary, body in articles.ARTICLES:
        upsert(
            index,
            ArticlePage,
            slug,
            title=title,
            topic=topic,
            published_on=day,
            summary=summary,
            source=articles.SOURCE,
            body=_article_body(body),
        )
    stdout.write(f"  {len(articles.ARTICLES)} safety articles")


def _places(shelters, sites, stdout):
    for slug, name, district, address, cls, capacity, area, lat, lon in places.SHELTERS:
        upsert(
            shelters,
            ShelterPage,
            slug,
            title=name,
            district=district,
            address=address,
            category=cls,
            capacity=capacity,
            area=area,
            **shelters_demo.shelter_fields(slug, lat, lon),
            facilities=places.FACILITIES_FULL if cls != "short" else places.FACILITIES_BASIC,
            managing_unit="属地街道办事处",
            phone="0371-12350",
        )
    for slug, name, kind, district, address, year, description in places.DEMONSTRATION_SITES:
        upsert(
            sites,
            DemonstrationSitePage,
            slug,
            title=name,
            kind=kind,
            district=district,
            address=address,
            year_awarded=year,
            description=description,
        )
    stdout.write(
        f"  {len(places.SHELTERS)} shelters, {len(places.DEMONSTRATION_SITES)} demonstration sites"
    )
    shelters_demo.load_landmarks(stdout)


def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        home = Page.objects.get(depth=2)
    sections = setup.sections(home)
    _regulations(sections["regulations"], stdout)
    _plans(sections["plans"], stdout)
    _articles(sections["safety-knowledge"], stdout)
    _places(sections["shelters"], sections["demonstration-sites"], stdout)
    disclosure.load(sections, upsert, stdout)
    _accounts(sections)


def _accounts(sections):
    """Demo accounts for the knowledge desk's two roles (writer and reviewer); the review
    workflow is attached here too, for databases set up before the desk existed."""
    attach_desk([page for slug, page in sections.items() if slug != "drills"])
    demo_account("knowledge_editor", EDITORS)
    demo_account("knowledge_reviewer", REVIEWERS)
