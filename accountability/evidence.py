"""Evidence files (hazard photos, interview reports, rating and fulfilment evidence) are
Wagtail documents kept in private collections, one per jurisdiction, mirroring the
jurisdiction tree under a root collection "安全责任证据":

- The root carries a view restriction that no group satisfies, so the public documents
  API never lists evidence and Wagtail's own serve view never hands it out.
- ``before_serve_document`` (see wagtail_hooks) lets through only users whose
  jurisdiction covers the folder, or who may see a record the file is attached to;
  everyone else gets 404, as if the file did not exist.
- Each folder has an uploaders group holding Wagtail's "add" and "choose" document
  permissions on that collection; supervisors and department officers are members of
  their own jurisdiction's group (kept in step with their staff profile and roles). Since
  collection permissions reach the collections below, a city supervisor uploads and
  chooses across the city, a district supervisor in its district.
- Record forms accept only documents in folders the user may write to (plus the file
  the record already has), so a raw id of a leaflet or of another district's evidence
  is refused."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from .models import Enterprise, EvidenceFolder, Jurisdiction, StaffProfile
from .services import roles
from .services.scoping import path_of, user_scope, visible, writable

ROOT_NAME = "安全责任证据"
UPLOADER_ROLES = (roles.CITY, roles.DISTRICT, roles.DEPARTMENT)
DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


def evidence_fields():
    """(model, field) of every accountability field that holds an evidence document."""
    Document = get_document_model()
    return [
        (model, field)
        for model in apps.get_app_config("accountability").get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Document
    ]


def private_root() -> Collection:
    """The root of all evidence collections, restricted so nothing public shows it."""
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=ROOT_NAME).first()
    if found is None:
        found = root.add_child(name=ROOT_NAME)
    if not CollectionViewRestriction.objects.filter(collection=found).exists():
        # A "groups" restriction with no group: only superusers pass Wagtail's own checks.
        CollectionViewRestriction.objects.create(
            collection=found, restriction_type=CollectionViewRestriction.GROUPS
        )
    return found


def folder_for(jurisdiction):
    """The jurisdiction's evidence folder, created (with its parents) when missing."""
    folder = EvidenceFolder.objects.filter(jurisdiction=jurisdiction).first()
    if folder is not None:
        return folder
    with transaction.atomic():
        parent = (
            folder_for(jurisdiction.parent).collection if jurisdiction.parent_id else private_root()
        )
        parent.refresh_from_db()
        collection = parent.add_child(name=f"{jurisdiction.name}（{jurisdiction.path}）"[:255])
        group, _created = Group.objects.get_or_create(
            name=f"证据上传·{jurisdiction.name}（{jurisdiction.path}）"[:150]
        )
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )
        return EvidenceFolder.objects.create(
            jurisdiction=jurisdiction, collection=collection, group=group
        )


def sync_user(user):
    """Make ``user`` a member of exactly the uploaders group its profile and roles call for."""
    groups = Group.objects.filter(pk__in=EvidenceFolder.objects.values("group"))
    wanted = None
    if roles.has_role(user, UPLOADER_ROLES) and not user.is_superuser:
        profile = StaffProfile.objects.filter(user=user, archived=False).first()
        if profile is not None:
            wanted = folder_for(profile.jurisdiction).group
    for group in groups.filter(user=user):
        if group != wanted:
            user.groups.remove(group)
    if wanted is not None:
        user.groups.add(wanted)


def file_document(document, jurisdiction):
    """Move ``document`` into the jurisdiction's evidence folder."""
    collection = folder_for(jurisdiction).collection
    if document.collection_id != collection.pk:
        type(document).objects.filter(pk=document.pk).update(collection=collection)
        document.collection = collection


def secure_existing(stdout=None):
    """Move every document attached to an accountability record into the folder of that
    record's jurisdiction (idempotent). Returns how many documents moved."""
    private_root()
    inside = set(_private_collection_ids())
    moved = 0
    for model, field in evidence_fields():
        records = model._default_manager.exclude(**{field.attname: None}).select_related(field.name)
        for record in records:
            document = getattr(record, field.name)
            if document.collection_id in inside:
                continue
            path = path_of(record)
            jurisdiction = Jurisdiction.objects.filter(path=path).first() if path else None
            if jurisdiction is None and isinstance(record, Enterprise):
                jurisdiction = record.jurisdiction
            if jurisdiction is None:
                continue
            file_document(document, jurisdiction)
            inside.add(document.collection_id)
            moved += 1
    if stdout is not None:
        stdout.write(f"accountability: {moved} evidence documents moved to private collections\n")
    return moved


def _private_collection_ids():
    root = Collection.get_first_root_node().get_children().filter(name=ROOT_NAME).first()
    if root is None:
        return Collection.objects.none().values_list("pk", flat=True)
    return Collection.objects.filter(path__startswith=root.path).values_list("pk", flat=True)


def is_evidence(document) -> bool:
    return document.collection_id in set(_private_collection_ids())


def attachable(user, current_ids=()):
    """Documents ``user`` may attach to a record: those in the evidence folders of the
    jurisdictions the user may write to, and the ones the record already has."""
    Document = get_document_model()
    scope = user_scope(user)
    if scope.everything:
        return Document.objects.all()
    places = writable(user, Jurisdiction.objects.all())
    collections = Collection.objects.none()
    for folder in EvidenceFolder.objects.filter(jurisdiction__in=places).select_related(
        "collection"
    ):
        collections |= Collection.objects.filter(path__startswith=folder.collection.path)
    return Document.objects.filter(
        Q(collection__in=collections.values("pk")) | Q(pk__in=[i for i in current_ids if i])
    )


def may_download(user, document) -> bool:
    """Whether ``user`` may download an evidence document: its folder lies in the user's
    jurisdiction, or the user may see a record the document is attached to."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    scope = user_scope(user)
    if scope.everything:
        return True
    if scope.nothing:
        return False
    collection = document.collection
    folders = EvidenceFolder.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).select_related("jurisdiction")
    for folder in folders:
        path = folder.jurisdiction.path
        if path == scope.path or path.startswith(scope.path + "/"):
            return True
    return any(
        visible(user, model._default_manager.filter(**{field.name: document})).exists()
        for model, field in evidence_fields()
    )


def serve_guard(document, request):
    """``before_serve_document`` hook: evidence goes only to those who may see it, as a
    private, uncached download; anything else goes on to Wagtail's own checks."""
    if not is_evidence(document):
        return None
    if not may_download(request.user, document):
        raise Http404
    # Wagtail acts on a hook's answer only if it is an HttpResponse (a streaming
    # FileResponse would be ignored), so the file is read here; uploads are capped at
    # WAGTAILDOCS_MAX_UPLOAD_SIZE.
    with document.open_file() as fh:
        response = HttpResponse(fh.read(), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _role_group_ids():
    return set(roles.role_groups().values_list("pk", flat=True))


def on_profile_saved(sender, instance, **kwargs):
    sync_user(instance.user)


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user gained or lost a role: adjust the uploaders group (but not in reaction to
    the uploaders group itself, which ``sync_user`` changes)."""
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not (set(pk_set or ()) & _role_group_ids()):
        return
    sync_user(instance)


def connect():
    post_save.connect(on_profile_saved, sender=StaffProfile, dispatch_uid="evidence_profile")
    post_delete.connect(on_profile_saved, sender=StaffProfile, dispatch_uid="evidence_profile_del")
    m2m_changed.connect(
        on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="evidence_groups"
    )


def sync_all_users():
    """Uploaders groups for every staff profile (after an upgrade, or a flush)."""
    for profile in StaffProfile.objects.select_related("user"):
        sync_user(profile.user)
