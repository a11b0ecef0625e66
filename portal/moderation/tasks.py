"""The author's notice: one mail when a text of theirs is hidden, in their own language."""

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from portal.urls_abs import absolute

from . import registry


@shared_task
def hidden_notice_task(*, content_type_id: int, object_id: int) -> bool:
    """Loads the text by id; sends nothing if it is gone or shown again meanwhile."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type is not None else None
    kind = registry.kind_for_model(model) if model is not None else None
    if kind is None:
        return False
    obj = kind.queryset().filter(pk=object_id).first()
    if obj is None or not obj.is_hidden:
        return False
    author = getattr(obj, kind.author)
    if not author.email:
        return False
    with translation.override(author.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "kind": str(kind.label),
            "text": kind.text(obj),
            "reason": obj.hidden_reason,
            "url": absolute(kind.url(obj)),
        }
        subject = render_to_string("moderation/emails/hidden_subject.txt", context)
        body = render_to_string("moderation/emails/hidden_body.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[author.email]).send()
    return True
