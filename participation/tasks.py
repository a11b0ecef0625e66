"""E-mails of civic participation: thin tasks that load by id and render in the user's language."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.models import Subscription

from .models import Comment
from .models import Event
from .models import Follow


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@shared_task
def notify_followers_task(*, event_id: int, kind: str) -> int:
    """Tell everyone who follows the event's municipality; returns how many were sent."""
    from .services import unfollow_token

    event = Event.objects.select_related("municipality").filter(pk=event_id).first()
    if event is None or not event.is_public:
        return 0
    follows = Follow.objects.filter(municipality=event.municipality, user__is_active=True)
    # People who also subscribed site-wide get this item from portal.following: never twice.
    subscribed = Subscription.objects.filter(
        Q(municipality=event.municipality) | Q(section="participation")
    ).values("user")
    follows = follows.exclude(user__in=subscribed)
    sent = 0
    for follow in follows.select_related("user").order_by("pk"):
        user = follow.user
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            unfollow_url = _absolute(
                reverse("participation:unfollow", kwargs={"token": unfollow_token(follow)})
            )
            context = {
                "event": event,
                "kind": kind,
                "user": user,
                "event_url": _absolute(event.get_absolute_url()),
                "unfollow_url": unfollow_url,
            }
            subject = render_to_string("participation/emails/follower_subject.txt", context)
            body = render_to_string("participation/emails/follower_body.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{unfollow_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.send()
        sent += 1
    return sent


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
