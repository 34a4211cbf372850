"""Findings 2 and 3: evidence files live in private per-jurisdiction collections; only
those who may see the record's jurisdiction download them; supervisors upload into their
own folder and attach only evidence they may see."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accountability import evidence
from accountability import models as m
from accountability.factories import HazardFactory, make_staff
from accountability.services import roles, workflow

Document = get_document_model()
PDF = b"%PDF-1.4\n% evidence\n"


def _doc(title, collection=None):
    return Document.objects.create(
        title=title,
        file=ContentFile(PDF, name=f"{title}.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


@pytest.fixture
def files(world):
    """A public leaflet, and evidence attached to one hazard in 金水区 and one in 二七区,
    first in the root collection (as the tracker stored them), then secured."""
    leaflet = _doc("安全生产月宣传单")
    own_hazard = HazardFactory(enterprise=world.own_traffic, title="金水隐患")
    foreign_hazard = HazardFactory(enterprise=world.other, title="二七隐患")
    own_ev, foreign_ev = _doc("金水整改前照片"), _doc("二七整改前照片")
    m.Hazard.objects.filter(pk=own_hazard.pk).update(evidence_before=own_ev)
    m.Hazard.objects.filter(pk=foreign_hazard.pk).update(evidence_before=foreign_ev)
    moved = evidence.secure_existing()
    assert moved == 2
    for d in (leaflet, own_ev, foreign_ev):
        d.refresh_from_db()
    return {
        "leaflet": leaflet,
        "own": own_ev,
        "foreign": foreign_ev,
        "own_hazard": own_hazard,
        "foreign_hazard": foreign_hazard,
    }


def test_secured_evidence_lands_in_the_record_jurisdiction_folder(world, files):
    assert (
        files["own"].collection
        == m.EvidenceFolder.objects.get(jurisdiction=world.jinshui).collection
    )
    assert (
        files["foreign"].collection
        == m.EvidenceFolder.objects.get(jurisdiction=world.erqi).collection
    )
    assert files["leaflet"].collection == Collection.get_first_root_node()
    assert evidence.secure_existing() == 0  # idempotent


@pytest.mark.parametrize("role", ["anonymous", "district", "city"])
def test_documents_api_never_lists_evidence(client, world, files, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    r = client.get("/api/v2/documents/?limit=50")
    assert r.status_code == 200
    titles = {item["title"] for item in r.json()["items"]}
    assert "安全生产月宣传单" in titles
    assert not titles & {"金水整改前照片", "二七整改前照片"}
    for key in ("own", "foreign"):
        assert client.get(f"/api/v2/documents/{files[key].pk}/").status_code == 404


def _download(client, doc):
    return client.get(reverse("wagtaildocs_serve", args=[doc.pk, doc.filename]))


@pytest.mark.parametrize(
    "role,own,foreign",
    [
        ("anonymous", False, False),
        ("district", True, False),  # 金水区 supervisor
        ("auditor", True, False),  # 金水区 auditor
        ("department", True, False),  # sees the 金水区 traffic enterprise's hazard
        ("city", True, True),
        ("superuser", True, True),
        ("erqi", False, True),  # 二七区 supervisor
        ("nobody", False, False),  # logged-in staff without a profile
    ],
)
def test_download_only_inside_the_record_jurisdiction(client, world, files, role, own, foreign):
    users = {
        **world.users,
        "erqi": make_staff("erqi_sup", roles.DISTRICT, world.erqi),
        "nobody": make_staff("editor", None, None, is_staff=True),
    }
    if role != "anonymous":
        client.force_login(users[role])
    for key, allowed in (("own", own), ("foreign", foreign)):
        r = _download(client, files[key])
        if allowed:
            assert r.status_code == 200, (role, key, r.status_code)
            assert r.content == PDF
            assert "no-store" in r["Cache-Control"]
        else:
            assert r.status_code in (403, 404), (role, key, r.status_code)
    assert _download(client, files["leaflet"]).status_code == 200  # public stays public


def test_supervisor_uploads_evidence_through_the_chooser(client, world):
    client.force_login(world.users["district"])
    r = client.get(reverse("wagtaildocs_chooser:choose"))
    assert r.status_code == 200
    assert "document-chooser-upload-file" in r.json()["html"]  # the upload tab is there
    folder = evidence.folder_for(world.jinshui)
    r = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "整改后照片",
            "document-chooser-upload-file": SimpleUploadedFile("after.pdf", PDF),
            "document-chooser-upload-collection": folder.collection.pk,
        },
    )
    assert r.status_code == 200, r.content[:500]
    doc = Document.objects.get(title="整改后照片")
    assert doc.collection == folder.collection
    assert doc.uploaded_by_user == world.users["district"]


def test_upload_into_another_district_refused(client, world):
    client.force_login(world.users["district"])
    foreign = evidence.folder_for(world.erqi)
    client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "越权上传",
            "document-chooser-upload-file": SimpleUploadedFile("x.pdf", PDF),
            "document-chooser-upload-collection": foreign.collection.pk,
        },
    )
    # With one permitted folder the form has no collection choice: the file lands there.
    assert not Document.objects.filter(collection=foreign.collection).exists()


def test_chooser_lists_only_own_evidence(client, world, files):
    client.force_login(world.users["district"])
    html = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "金水整改前照片" in html
    assert "二七整改前照片" not in html and "安全生产月宣传单" not in html


def _hazard_post(hazard, **changes):
    data = {
        "enterprise": hazard.enterprise_id, "title": hazard.title, "description": "",
        "level": hazard.level, "found_on": hazard.found_on.isoformat(), "found_by": "",
        "rectification_days": hazard.rectification_days, "measures": "清理通道",
        "evidence_before": hazard.evidence_before_id or "", "evidence_after": "",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.parametrize("which", ["leaflet", "foreign"])
def test_cannot_attach_a_document_one_may_not_see(client, world, files, which):
    hazard = files["own_hazard"]
    client.force_login(world.users["district"])
    r = client.post(
        reverse("accountability_hazard:edit", args=[hazard.pk]),
        _hazard_post(hazard, evidence_after=files[which].pk),
    )
    assert r.status_code == 200
    assert r.context["form"].errors.get("evidence_after"), r.context["form"].errors
    hazard.refresh_from_db()
    assert hazard.evidence_after_id is None


def test_district_supervisor_attaches_own_upload_and_requests_review(client, world, files):
    hazard = files["own_hazard"]
    district = world.users["district"]
    after = _doc("金水整改后照片", evidence.folder_for(world.jinshui).collection)
    client.force_login(district)
    r = client.post(
        reverse("accountability_hazard:edit", args=[hazard.pk]),
        _hazard_post(hazard, evidence_after=after.pk),
    )
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    hazard.refresh_from_db()
    assert hazard.evidence_after == after
    for action in ("notify", "start", "request_review"):
        workflow.apply(hazard, action, district)
    assert hazard.status == m.Hazard.REVIEW


def test_uploaders_group_follows_profile_and_role(world):
    district = world.users["district"]
    group = evidence.folder_for(world.jinshui).group
    assert district.groups.filter(pk=group.pk).exists()
    assert not world.users["auditor"].groups.filter(pk=group.pk).exists()  # read only
    profile = m.StaffProfile.objects.get(user=district)
    profile.jurisdiction = world.erqi
    profile.save()
    assert not district.groups.filter(pk=group.pk).exists()
    assert district.groups.filter(pk=evidence.folder_for(world.erqi).group.pk).exists()
    from django.contrib.auth.models import Group

    district.groups.remove(Group.objects.get(name=roles.GROUP_NAMES[roles.DISTRICT]))
    assert not district.groups.filter(name__startswith="证据上传").exists()


def test_demo_evidence_is_private_and_attached(client, demo):
    """load_demo files its evidence privately: the public API lists none of it, the
    district supervisor downloads its own, anonymous gets nothing."""
    attached = m.Hazard.objects.exclude(evidence_after=None).select_related("evidence_after")
    assert attached.exists()
    private = set(evidence._private_collection_ids())
    assert all(h.evidence_after.collection_id in private for h in attached)
    listed = {item["id"] for item in client.get("/api/v2/documents/?limit=100").json()["items"]}
    assert not listed & {h.evidence_after_id for h in attached}
    doc = attached.first().evidence_after
    assert _download(client, doc).status_code == 404
    city = m.StaffProfile.objects.get(user__username="city_supervisor").user
    client.force_login(city)
    assert _download(client, doc).status_code == 200
    jinshui = m.StaffProfile.objects.get(user__username="jinshui_supervisor").user
    assert jinshui.groups.filter(name__startswith="证据上传").count() == 1


def test_supervisor_uploads_a_phone_photo_as_evidence(client, world):
    """Hazard photos before and after rectification are taken on a phone (JPEG/PNG): they are
    evidence documents in the private folder, not public images."""
    client.force_login(world.users["district"])
    folder = evidence.folder_for(world.jinshui)
    photo = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
    r = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "整改前照片",
            "document-chooser-upload-file": SimpleUploadedFile(
                "before.jpg", photo, content_type="image/jpeg"
            ),
            "document-chooser-upload-collection": folder.collection.pk,
        },
    )
    assert r.status_code == 200, r.content[:500]
    doc = Document.objects.get(title="整改前照片")
    assert doc.collection == folder.collection and doc.file_extension == "jpg"
