"""E-mails of civic participation: thin tasks that load by id and render in the user's language."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from portal import following

from .models import Comment
from .models import Event


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@shared_task
def notify_followers_task(*, event_id: int, kind: str) -> int:
    """Only for tasks queued before the one following system was deployed: hands the event to
    portal.following, which mails each follower once however often it is called."""
    event = Event.objects.filter(pk=event_id).first()
    return following.notify_new_item(kind=kind, obj=event) if event is not None else 0


@shared_task
def comment_hidden_notice_task(*, comment_id: int) -> bool:
    comment = (
        Comment.objects.select_related("author", "event").filter(pk=comment_id).first()
    )
    if comment is None or not comment.is_hidden:
        return False
    user = comment.author
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "comment": comment,
            "event": comment.event,
            "event_url": _absolute(comment.event.get_absolute_url()),
        }
        subject = render_to_string("participation/emails/hidden_subject.txt", context)
        body = render_to_string("participation/emails/hidden_body.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email]).send()
    return True
