"""seed_demo leaves the moderation queue with work of every kind, and one hidden text."""

import pytest
from django.core.management import call_command

from portal.moderation import registry
from portal.moderation.models import Flag
from portal.moderation.models import ModerationRecord

pytestmark = pytest.mark.django_db


def test_demo_fills_the_queue_with_every_kind_and_a_hidden_one(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (Flag.objects.count(), ModerationRecord.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Flag.objects.count(), ModerationRecord.objects.count()) == counts  # idempotent
    open_kinds = {
        flag.content_type.model_class()._meta.label_lower
        for flag in Flag.objects.filter(is_resolved=False)
    }
    assert open_kinds == {kind.key for kind in registry.kinds()}
    for kind in registry.kinds():
        assert Flag.objects.filter(
            is_resolved=False, content_type__model=kind.model._meta.model_name
        ).values("object_id").distinct().count() >= 2, kind.key
    hidden = ModerationRecord.objects.get(action="hide")
    assert hidden.item.is_hidden
    assert hidden.item.hidden_reason == hidden.reason
    client.login(username="moderator@demo.kg", password="demo-portal-2026")
    html = client.get("/ky/moderation/").content.decode()
    assert "Арзан насыя" not in html.split("<h2>")[0]  # hidden: out of the queue
    assert "Вывоз мусора" in html
