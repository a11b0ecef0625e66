"""Following: people subscribe to a municipality or a section and get e-mail for new items.

The one following system. Each app registers what can be followed in its <app>/registrations.py
(autodiscovered): ``register_kind`` for each kind of item people hear about, ``register_section``
for each section that can be followed as a whole. Apps call ``notify_new_item(kind=...,
obj=...)`` after an item becomes public (a published event or its results, a draft opened for
discussion, an answer to a question, published news).
Each person who follows the item's municipality or section gets one ``Delivery`` row; the
unique constraint (user, kind, object) means an item is never e-mailed twice to the same
person, whatever calls it twice. Immediate deliveries are sent one by one by
``portal.tasks.following_send_task``; daily ones wait for ``following_digest_task`` (Celery
beat). Every e-mail carries a signed one-click unsubscribe link and ``List-Unsubscribe``
headers, and is rendered in the person's language.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from portal.urls_abs import absolute

from .models import Delivery
from .models import Subscription

UNSUBSCRIBE_SALT = "portal.following.unsubscribe"
# Links in e-mails sent before the one following system (participation.Follow, 2026) carry
# {"u": user, "m": municipality} signed with this salt; they still stop that municipality's mail.
LEGACY_UNFOLLOW_SALT = "participation.unfollow"


@dataclass(frozen=True)
class ItemKind:
    """Something people hear about: a new item of a model, under a followable section."""

    key: str
    model: str  # "app_label.Model"
    section: str  # the section key a section subscription names
    label: str | Promise
    is_public: Callable[[Any], bool] = lambda obj: getattr(obj, "is_public", True)


# Filled by each app's <app>/registrations.py (autodiscovered by portal.apps).
KINDS: dict[str, ItemKind] = {}
# Sections a person may follow as a whole, in the order the form offers them.
SECTIONS: list[str] = []


def register_kind(kind: ItemKind) -> ItemKind:
    KINDS[kind.key] = kind
    return kind


def register_section(key: str) -> str:
    """Let people follow a whole section (a key of portal.sections.SECTIONS_BY_KEY)."""
    if key not in SECTIONS:
        SECTIONS.append(key)
    return key


def section_choices() -> list[tuple[str, str | Promise]]:
    from .sections import SECTIONS_BY_KEY

    return [(key, SECTIONS_BY_KEY[key].title) for key in SECTIONS if key in SECTIONS_BY_KEY]


def _load(kind: str, object_id: int):
    model = apps.get_model(KINDS[kind].model)
    obj = model.objects.filter(pk=object_id).first()
    if obj is not None and not KINDS[kind].is_public(obj):
        return None
    return obj


# --- subscribing ---------------------------------------------------------------------------------


@transaction.atomic
def subscribe(*, user, municipality=None, section: str = "", frequency: str) -> Subscription:
    if frequency not in Subscription.Frequency.values:
        raise ValidationError(_("Choose how often."), code="frequency")
    if section and section not in SECTIONS:
        raise ValidationError(_("Choose a section."), code="section")
    if (municipality is None) == (not section):
        raise ValidationError(_("Choose a municipality or a section."), code="target")
    lookup = {"user": user, "municipality": municipality, "section": section or ""}
    subscription, _created = Subscription.objects.update_or_create(
        **lookup, defaults={"frequency": frequency}
    )
    return subscription


def subscription_rows(user) -> list[tuple[Subscription, str | Promise]]:
    """The user's subscriptions in the order made, each with its section's name."""
    sections = dict(section_choices())
    subscriptions = Subscription.objects.filter(user=user).select_related("municipality")
    return [(s, sections.get(s.section, s.section)) for s in subscriptions.order_by("pk")]


def is_following(user, municipality) -> bool:
    return bool(
        user.is_authenticated
        and Subscription.objects.filter(user=user, municipality=municipality).exists()
    )


@transaction.atomic
def toggle_municipality(*, user, municipality) -> bool:
    """The one-button follow of a municipality (immediate mail); True when now following."""
    if Subscription.objects.filter(user=user, municipality=municipality).delete()[0]:
        return False
    subscribe(user=user, municipality=municipality, frequency=Subscription.Frequency.IMMEDIATE)
    return True


def unsubscribe(*, user, subscription_id: int) -> int:
    return Subscription.objects.filter(user=user, pk=subscription_id).delete()[0]


def unsubscribe_token(user, subscription: Subscription | None = None) -> str:
    """Signed: removes one subscription, or every one when no subscription is named."""
    return signing.dumps(
        {"u": user.pk, "s": subscription.pk if subscription else None}, salt=UNSUBSCRIBE_SALT
    )


def unsubscribe_by_token(token: str) -> int | None:
    """Remove what the token names; the number removed, None if the token is not ours."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        try:
            legacy = signing.loads(token, salt=LEGACY_UNFOLLOW_SALT)
        except signing.BadSignature:
            return None
        return Subscription.objects.filter(
            user_id=legacy.get("u"), municipality_id=legacy.get("m")
        ).delete()[0]
    subscriptions = Subscription.objects.filter(user_id=data.get("u"))
    if data.get("s"):
        subscriptions = subscriptions.filter(pk=data["s"])
    return subscriptions.delete()[0]


def unsubscribe_url(user, subscription=None) -> str:
    return absolute(
        reverse("portal:unsubscribe", kwargs={"token": unsubscribe_token(user, subscription)})
    )


# --- notifying ---------------------------------------------------------------------------------


def notify_new_item(*, kind: str, obj) -> int:
    """Record one delivery per follower of the item; queue the immediate ones. Idempotent."""
    from . import outbox
    from .tasks import following_send_task

    item_kind = KINDS[kind]
    if not item_kind.is_public(obj):
        return 0
    municipality_id = getattr(obj, "municipality_id", None)
    match = Q(section=item_kind.section)
    if municipality_id:
        match |= Q(municipality_id=municipality_id)
    subscriptions = Subscription.objects.filter(match, user__is_active=True).order_by("pk")
    best: dict[int, Subscription] = {}
    for subscription in subscriptions:
        chosen = best.get(subscription.user_id)
        # Immediate wins over a digest; otherwise the municipality over the section.
        if chosen is None or (
            chosen.frequency != Subscription.Frequency.IMMEDIATE
            and subscription.frequency == Subscription.Frequency.IMMEDIATE
        ):
            best[subscription.user_id] = subscription
    if not best:
        return 0
    Delivery.objects.bulk_create(
        [
            Delivery(
                user_id=user_id,
                subscription=subscription,
                kind=kind,
                object_id=obj.pk,
                frequency=subscription.frequency,
            )
            for user_id, subscription in best.items()
        ],
        ignore_conflicts=True,  # already delivered (or waiting): never twice
    )
    immediate = list(
        Delivery.objects.filter(
            kind=kind,
            object_id=obj.pk,
            sent_at__isnull=True,
            frequency=Subscription.Frequency.IMMEDIATE,
            user_id__in=list(best),
        ).values_list("pk", flat=True)
    )
    for delivery_id in immediate:
        outbox.enqueue(following_send_task, delivery_id=delivery_id)
    return len(best)


def _headers(url: str) -> dict:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _item_context(delivery: Delivery, obj) -> dict:
    return {
        "kind": KINDS[delivery.kind],
        "obj": obj,
        "url": absolute(obj.get_absolute_url()),
        "title": str(getattr(obj, "title", obj)),
        "municipality": getattr(obj, "municipality", None),
    }


def send_delivery(delivery_id: int) -> bool:
    """Send one immediate delivery. The row is claimed under a lock: it goes out once."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "subscription")
            .filter(pk=delivery_id, sent_at__isnull=True)
            .first()
        )
        if delivery is None:
            return False
        obj = _load(delivery.kind, delivery.object_id)
        user = delivery.user
        if obj is None or not user.is_active:
            delivery.sent_at = timezone.now()  # nothing to say any more; never retry
            delivery.save(update_fields=["sent_at"])
            return False
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            url = unsubscribe_url(user, delivery.subscription)
            context = {
                "user": user,
                "item": _item_context(delivery, obj),
                "unsubscribe_url": url,
                "unsubscribe_all_url": unsubscribe_url(user),
            }
            subject = render_to_string("portal/following/email_subject.txt", context)
            body = render_to_string("portal/following/email_body.txt", context)
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
        # Sent inside the transaction: if sending fails, the row stays unsent for a retry.
        EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[user.email], headers=_headers(url)
        ).send()
    return True


def send_digests() -> int:
    """One e-mail per person with the daily items waiting for them; returns e-mails sent."""
    user_ids = list(
        Delivery.objects.filter(sent_at__isnull=True, frequency=Subscription.Frequency.DAILY)
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            deliveries = list(
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .filter(
                    user_id=user_id, sent_at__isnull=True, frequency=Subscription.Frequency.DAILY
                )
                .order_by("created", "pk")
            )
            if not deliveries:
                continue
            user = deliveries[0].user
            now = timezone.now()
            Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(sent_at=now)
            loaded = [(d, _load(d.kind, d.object_id)) for d in deliveries]
            if not user.is_active or not any(obj for _d, obj in loaded):
                continue
            with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
                items = [_item_context(d, obj) for d, obj in loaded if obj is not None]
                url = unsubscribe_url(user)
                context = {"user": user, "items": items, "unsubscribe_all_url": url}
                subject = render_to_string("portal/following/digest_subject.txt", context)
                body = render_to_string("portal/following/digest_body.txt", context)
            EmailMessage(
                subject=" ".join(subject.split()),
                body=body,
                to=[user.email],
                headers=_headers(url),
            ).send()
            sent += 1
    return sent
