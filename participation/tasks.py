"""E-mails of civic participation: thin tasks that load by id and render in the user's language."""

from celery import shared_task

from portal import following

from .models import Comment
from .models import Event


@shared_task
def notify_followers_task(*, event_id: int, kind: str) -> int:
    """Only for tasks queued before the one following system was deployed: hands the event to
    portal.following, which mails each follower once however often it is called."""
    event = Event.objects.filter(pk=event_id).first()
    return following.notify_new_item(kind=kind, obj=event) if event is not None else 0


@shared_task
def comment_hidden_notice_task(*, comment_id: int) -> bool:
    """Only for tasks queued before the moderation core was deployed: hands the comment to
    the core's one notice (portal.moderation.tasks)."""
    from django.contrib.contenttypes.models import ContentType

    from portal.moderation.tasks import hidden_notice_task

    content_type = ContentType.objects.get_for_model(Comment)
    return bool(hidden_notice_task(content_type_id=content_type.pk, object_id=comment_id))
