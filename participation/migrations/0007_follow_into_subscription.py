"""One following system: every participation.Follow becomes a portal.Subscription.

A Follow meant "e-mail me at once about this municipality's new events and results"; it becomes
an immediate subscription to that municipality (which also covers the municipality's drafts,
news and answers: one system, one meaning of following a municipality). A person who already
had a subscription to the same municipality keeps it as it is (their chosen frequency): the
unique constraint (user, municipality) leaves one subscription, so nobody gets a mail twice.
The old e-mails' unfollow links keep working (portal.following.LEGACY_UNFOLLOW_SALT).
"""

from django.db import migrations

BATCH = 1000


def follows_into_subscriptions(apps, schema_editor):
    Follow = apps.get_model("participation", "Follow")
    Subscription = apps.get_model("portal", "Subscription")
    pairs = Follow.objects.order_by("pk").values_list("user_id", "municipality_id")
    Subscription.objects.bulk_create(
        (
            Subscription(user_id=user_id, municipality_id=unit_id, section="", frequency="immediate")
            for user_id, unit_id in pairs.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
        ignore_conflicts=True,  # already subscribed to that municipality: theirs stays as it is
    )


def subscriptions_into_follows(apps, schema_editor):
    """Backwards: every municipality subscription is also a Follow again. The old task skipped
    people with a subscription, so this too sends nobody a mail twice."""
    Follow = apps.get_model("participation", "Follow")
    Subscription = apps.get_model("portal", "Subscription")
    pairs = Subscription.objects.filter(municipality__isnull=False).order_by("pk")
    Follow.objects.bulk_create(
        (
            Follow(user_id=user_id, municipality_id=unit_id)
            for user_id, unit_id in pairs.values_list("user_id", "municipality_id").iterator(
                chunk_size=BATCH
            )
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0006_merge_lawmaking_settings_and_sources"),
        ("portal", "0007_fold_kyrgyz_letters"),
    ]

    operations = [migrations.RunPython(follows_into_subscriptions, subscriptions_into_follows)]
