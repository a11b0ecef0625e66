"""Writes: saving content, the editorial workflow and files. Every write checks the rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.following import notify_new_item
from portal.history import services as history
from portal.history.models import Verb
from portal.models import User
from portal.permissions import require

from .models import Document
from .models import Editorial
from .models import NewsItem
from .models import Practice
from .models import PracticeAttachment
from .models import PracticePhoto
from .models import Status
from .models import StoredFile
from .models import Story
from .models import StoryPhoto
from .sanitize import sanitize_html
from .uploads import DOCUMENT_TYPES
from .uploads import FILE_MAX_SIZE
from .uploads import PHOTO_MAX_SIZE
from .uploads import PHOTO_TYPES
from .uploads import FileType
from .uploads import check_upload
from .uploads import clean_original_name

LANGS = [code for code, _name in settings.LANGUAGES]

# Fields written by staff as rich text: sanitised before they are stored.
RICH_FIELDS = {
    Practice: ("problem", "solution", "resources", "results"),
    Story: ("body",),
    NewsItem: ("body",),
    Document: ("description",),
}
SEARCH_FIELDS = {
    Practice: ("title", "summary"),
    Story: ("title", "lead"),
    NewsItem: ("title", "summary"),
    Document: ("title", "issuer"),
}


def perm_name(item: Editorial, verb: str) -> str:
    return f"practices.{verb}_{item._meta.model_name}"


def _search_text(item: Editorial) -> str:
    parts = []
    for field in SEARCH_FIELDS[type(item)]:
        parts += [getattr(item, f"{field}_{code}", "") or "" for code in LANGS]
    if isinstance(item, Document):
        parts.append(item.number)
    return " ".join(p for p in parts if p).casefold()


def prepare_content(item: Editorial) -> None:
    """Sanitise the rich text of every language and refresh the search column."""
    for field in RICH_FIELDS[type(item)]:
        for code in LANGS:
            name = f"{field}_{code}"
            setattr(item, name, sanitize_html(getattr(item, name, "") or ""))
    item.search_text = _search_text(item)


@transaction.atomic
def item_save(
    *, item: Editorial, actor: User,
    children: Iterable[BaseInlineFormSet[Any, Any, Any]] = (),
    upload: File[bytes] | None = None,
) -> Editorial:
    """Create or change a practice, story, news item or document (as a draft or in place).

    ``children`` are bound, valid inline formsets (funding sources, result indicators);
    ``upload`` is a document's new file (the replaced one is deleted once this commits).
    """
    require(actor, perm_name(item, "change"), item)
    created, before = item.pk is None, history.before(item)
    if created:
        item.author = actor
        item.status = Status.DRAFT
    replaced = ""
    if upload is not None:
        if not isinstance(item, Document):
            raise TypeError("Only a document has a file to upload.")
        replaced = item.file.name if item.pk and item.file else ""
        document_attach_file(document=item, upload=upload)
    prepare_content(item)
    item.full_clean()
    item.save()
    for formset in children:
        formset.instance = item
        formset.save()
    history.record_saved(actor=actor, obj=item, before=before, created=created)
    if replaced and isinstance(item, Document) and replaced != item.file.name:
        storage = item.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return item


@transaction.atomic
def item_submit(*, item: Editorial, actor: User) -> Editorial:
    require(actor, perm_name(item, "submit"), item)
    previous = item.status
    item.status = Status.SUBMITTED
    item.submitted_at = timezone.now()
    item.save(update_fields=["status", "submitted_at", "modified"])
    _record_step(item, actor, Verb.SUBMITTED, previous)
    return item


def _record_step(item: Editorial, actor: User, verb: str, previous: str, comment: str = "") -> None:
    history.record(
        actor=actor, obj=item, verb=verb, changes={"status": [previous, item.status]},
        comment=comment,
    )


@transaction.atomic
def item_publish(*, item: Editorial, actor: User) -> Editorial:
    require(actor, perm_name(item, "review"), item)
    previous = item.status
    item.status = Status.PUBLISHED
    item.reviewed_by = actor
    item.review_comment = ""
    item.published_at = item.published_at or timezone.now()
    item.save(
        update_fields=["status", "reviewed_by", "review_comment", "published_at", "modified"]
    )
    _record_step(item, actor, Verb.PUBLISHED, previous)
    if isinstance(item, NewsItem):  # followers hear of published news (portal.following)
        transaction.on_commit(lambda: notify_new_item(kind="news", obj=item))
    return item


@transaction.atomic
def item_return(*, item: Editorial, actor: User, comment: str) -> Editorial:
    require(actor, perm_name(item, "review"), item)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": ValidationError(_("Say what the author should change."))})
    previous = item.status
    item.status = Status.RETURNED
    item.reviewed_by = actor
    item.review_comment = comment
    item.save(update_fields=["status", "reviewed_by", "review_comment", "modified"])
    _record_step(item, actor, Verb.RETURNED, previous, comment)
    return item


@transaction.atomic
def item_unpublish(*, item: Editorial, actor: User) -> Editorial:
    """Take a published item back to draft (it disappears from the public at once)."""
    require(actor, perm_name(item, "unpublish"), item)
    previous = item.status
    item.status = Status.DRAFT
    item.reviewed_by = actor
    item.save(update_fields=["status", "reviewed_by", "modified"])
    _record_step(item, actor, Verb.WITHDRAWN, previous)
    return item


def _fill_file(
    stored: StoredFile, upload: File[bytes], *, allowed: tuple[FileType, ...], max_size: int
) -> None:
    file_type = check_upload(upload, allowed=allowed, max_size=max_size)
    stored.content_type = file_type.content_type
    stored.size = upload.size
    stored.original_name = clean_original_name(upload.name or "", file_type)
    # The name given here is ignored by upload_to: the stored name is generated.
    stored.file.save(f"upload.{file_type.extension}", upload, save=False)


@transaction.atomic
def photo_add(
    *, owner: Practice | Story, upload: File[bytes], actor: User, caption_ky: str = "",
    caption_ru: str = "",
) -> PracticePhoto | StoryPhoto:
    require(actor, perm_name(owner, "change"), owner)
    photo: PracticePhoto | StoryPhoto
    if isinstance(owner, Practice):
        photo = PracticePhoto(practice=owner)
    else:
        photo = StoryPhoto(story=owner)
    photo.caption_ky, photo.caption_ru = caption_ky.strip(), caption_ru.strip()
    _fill_file(photo, upload, allowed=PHOTO_TYPES, max_size=PHOTO_MAX_SIZE)
    photo.full_clean()
    photo.save()
    history.record_saved(actor=actor, obj=photo, before={}, created=True, parent=owner)
    return photo


@transaction.atomic
def attachment_add(
    *, practice: Practice, upload: File[bytes], actor: User, title_ky: str = "",
    title_ru: str = "",
) -> PracticeAttachment:
    require(actor, perm_name(practice, "change"), practice)
    attachment = PracticeAttachment(practice=practice)
    attachment.title_ky, attachment.title_ru = title_ky.strip(), title_ru.strip()
    _fill_file(attachment, upload, allowed=DOCUMENT_TYPES, max_size=FILE_MAX_SIZE)
    if not (attachment.title_ky or attachment.title_ru):
        attachment.title_ky = attachment.title_ru = attachment.original_name
    attachment.full_clean()
    attachment.save()
    history.record_saved(
        actor=actor, obj=attachment, before={}, created=True, parent=practice
    )
    return attachment


@transaction.atomic
def file_remove(*, stored: StoredFile, owner: Editorial, actor: User) -> None:
    require(actor, perm_name(owner, "change"), owner)
    history.record_deleted(actor=actor, obj=stored, parent=owner)
    stored.file.delete(save=False)
    stored.delete()


def document_attach_file(*, document: Document, upload: File[bytes]) -> None:
    """Put a checked file on a document before ``item_save`` stores it."""
    _fill_file(document, upload, allowed=DOCUMENT_TYPES, max_size=FILE_MAX_SIZE)
