"""The Follow rows of the old following system become subscriptions: none lost, none doubled.

Runs the real migrations (participation 0007 and 0008) forward on a database that holds
Follow rows, written through the historical model, next to subscriptions people already had.
"""

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from participation import services
from participation.models import Event
from portal.models import Subscription
from tests.helpers import migrate_to_latest
from tests.participation.factories import EventFactory

BEFORE = [("participation", "0006_merge_lawmaking_settings_and_sources")]
AFTER = [("participation", "0008_delete_follow")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_follows_become_one_subscription_each(
    user_factory, municipality_factory, django_capture_on_commit_callbacks
):
    old_apps = _migrate(BEFORE)
    try:
        Follow = old_apps.get_model("participation", "Follow")
        unit, other_unit = municipality_factory(), municipality_factory()
        only_follows = user_factory()  # followed two municipalities the old way
        follows_and_subscribed = user_factory()  # both ways: chose a daily digest since
        follows_and_section = user_factory()  # follows a unit, subscribed to the section
        inactive = user_factory(is_active=False)
        for user, units in (
            (only_follows, (unit, other_unit)),
            (follows_and_subscribed, (unit,)),
            (follows_and_section, (unit,)),
            (inactive, (unit,)),
        ):
            for each in units:
                Follow.objects.create(user_id=user.pk, municipality_id=each.pk)
        Subscription.objects.create(
            user=follows_and_subscribed, municipality=unit, frequency="daily"
        )
        Subscription.objects.create(
            user=follows_and_section, section="participation", frequency="immediate"
        )
    finally:
        _migrate(AFTER)
        migrate_to_latest()  # later apps' migrations (moderation) depend on participation

    rows = set(
        Subscription.objects.values_list("user_id", "municipality_id", "section", "frequency")
    )
    assert rows == {
        (only_follows.pk, unit.pk, "", "immediate"),
        (only_follows.pk, other_unit.pk, "", "immediate"),
        (follows_and_subscribed.pk, unit.pk, "", "daily"),  # their own choice stays
        (follows_and_section.pk, unit.pk, "", "immediate"),
        (follows_and_section.pk, None, "participation", "immediate"),
        (inactive.pk, unit.pk, "", "immediate"),  # kept; mail goes to active people only
    }
    assert "participation_follow" not in connection.introspection.table_names()

    # The next event of the unit: each active follower hears once, the digest reader waits.
    event = EventFactory(municipality=unit, status=Event.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_transition(event=event, to=Event.Status.PUBLISHED)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [only_follows.email, follows_and_section.email]
    )
    assert [m.to[0] for m in mail.outbox].count(follows_and_section.email) == 1


@pytest.mark.django_db(transaction=True)
def test_migrating_back_gives_every_municipality_subscriber_a_follow(
    user_factory, municipality_factory
):
    unit = municipality_factory()
    subscriber, section_only = user_factory(), user_factory()
    Subscription.objects.create(user=subscriber, municipality=unit, frequency="daily")
    Subscription.objects.create(user=section_only, section="lawmaking", frequency="daily")
    try:
        old_apps = _migrate(BEFORE)
        Follow = old_apps.get_model("participation", "Follow")
        assert list(Follow.objects.values_list("user_id", "municipality_id")) == [
            (subscriber.pk, unit.pk)
        ]
    finally:
        _migrate(AFTER)
        migrate_to_latest()  # later apps' migrations (moderation) depend on participation
    assert Subscription.objects.count() == 2
