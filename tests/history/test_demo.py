"""seed_demo leaves a history: staff pages and citizens' timelines have something to show."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from monitoring.models import Cycle
from participation.models import Event
from portal.history.models import Change
from portal.history.selectors import public_timeline


@pytest.mark.django_db
def test_seed_demo_writes_history_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    events = ContentType.objects.get_for_model(Event)
    count = Change.objects.filter(content_type=events).count()
    assert count
    published = Event.objects.exclude(status=Event.Status.DRAFT).first()
    assert next(row["verb"] for row in public_timeline(published)) == "published"
    cycle = Cycle.objects.filter(status=Cycle.Status.PUBLISHED).first()
    assert "published" in [row["verb"] for row in public_timeline(cycle)]
    assert Change.objects.filter(verb="published", content_type__model="budgetyear").exists()
    call_command("seed_demo", stdout=None)
    assert Change.objects.filter(content_type=events).count() == count
