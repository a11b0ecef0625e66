"""The one service: changed fields (both language columns), the public flag by verb."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from participation.models import Event
from portal.history import services
from portal.history.models import Change
from portal.history.models import Verb
from tests.participation.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_fields_of_names_both_language_columns_and_skips_bookkeeping():
    fields = services.fields_of(Event)
    assert {"title_ky", "title_ru", "description_ky", "description_ru"} <= set(fields)
    assert "title" not in fields
    assert not {"id", "created", "modified"} & set(fields)
    assert services.fields_of(Event, ["title", "status"]) == ["title_ky", "title_ru", "status"]


def test_diff_keeps_only_what_changed_and_empty_text_is_none():
    before = {"title_ky": "Эски", "title_ru": None, "seats": 15}
    after = {"title_ky": "Жаңы", "title_ru": None, "seats": 15}
    assert services.diff(before, after) == {"title_ky": ["Эски", "Жаңы"]}
    assert services.plain("") is None
    assert services.plain(Decimal("1.50")) == "1.50"
    assert services.plain(datetime.date(2026, 12, 1)) == "2026-12-01"


def test_snapshot_saved_reads_the_row_not_the_changed_instance(unit):
    event = EventFactory(municipality=unit, title_ky="Биринчи")
    event.title_ky = "Экинчи"  # as a bound form does before the service runs
    fields = services.fields_of(Event, ["title"])
    assert services.before(event, fields)["title_ky"] == "Биринчи"
    assert services.before(Event(municipality=unit), fields) == {}


def test_record_keeps_object_label_municipality_and_public_by_verb(unit, staff_of):
    editor = staff_of(unit)
    event = EventFactory(municipality=unit)
    edited = services.record(actor=editor, obj=event, verb=Verb.CHANGED, changes={"a": [1, 2]})
    published = services.record(actor=editor, obj=event, verb=Verb.PUBLISHED)
    forced = services.record(actor=editor, obj=event, verb=Verb.PUBLISHED, public=False)
    assert (edited.municipality, edited.actor, edited.object_label) == (unit, editor, str(event))
    assert edited.content_type == ContentType.objects.get_for_model(Event)
    assert edited.object_id == event.pk
    assert not edited.is_public
    assert published.is_public
    assert not forced.is_public
    event.delete()
    assert Change.objects.filter(object_label=str(edited.object_label)).count() == 3


def test_record_saved_writes_nothing_when_nothing_changed(unit, staff_of):
    editor = staff_of(unit)
    event = EventFactory(municipality=unit, title_ky="Угуу")
    before = services.before(event)
    assert services.record_saved(actor=editor, obj=event, before=before, created=False) is None
    event.title_ky = "Жаңы угуу"
    event.save()
    entry = services.record_saved(actor=editor, obj=event, before=before, created=False)
    assert entry.verb == Verb.CHANGED
    assert entry.changes == {"title_ky": ["Угуу", "Жаңы угуу"]}
    rows = entry.field_rows()
    assert rows[0][1:] == ("Угуу", "Жаңы угуу")
    assert "(ky)" in rows[0][0]


def test_an_anonymous_actor_is_kept_as_nobody(unit):
    from django.contrib.auth.models import AnonymousUser

    entry = services.record(actor=AnonymousUser(), obj=unit, verb=Verb.CHANGED)
    assert entry.actor is None
    assert entry.municipality == unit


def test_a_parent_shows_its_parts_history(unit, staff_of):
    from portal.history.selectors import object_history
    from portal.history.selectors import public_timeline

    event = EventFactory(municipality=unit)
    other = EventFactory(municipality=unit)
    services.record(actor=None, obj=unit, verb=Verb.CHANGED, parent=event)
    services.record(actor=None, obj=event, verb=Verb.PUBLISHED)
    services.record(actor=None, obj=other, verb=Verb.PUBLISHED)
    assert object_history(event).count() == 2
    timeline = public_timeline(event)
    assert [(row["verb"], row["part"]) for row in timeline] == [("published", "")]


def test_the_page_shows_choices_by_label_and_dates_as_the_portal_writes_them(unit):
    event = EventFactory(municipality=unit)
    entry = services.record(
        actor=None, obj=event, verb=Verb.PUBLISHED,
        changes={
            "status": ["draft", "published"], "starts_at": [None, "2026-12-13T08:30:00+00:00"],
        },
    )
    rows = {label: (old, new) for label, old, new in entry.field_rows()}
    status = str(Event._meta.get_field("status").verbose_name)
    assert rows[status] == (str(Event.Status.DRAFT.label), str(Event.Status.PUBLISHED.label))
    starts = str(Event._meta.get_field("starts_at").verbose_name)
    assert rows[starts] == (None, "13.12.2026 14:30")  # Bishkek time
