"""The two old histories become the one history: history 0002 runs forward on a database that
holds ChangeRecord and AuditEvent rows (written through the historical models), and the old
tables are gone afterwards."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from portal.history.models import Change
from portal.history.selectors import object_history
from tests.helpers import migrate_to
from tests.helpers import migrate_to_latest
from tests.monitoring.factories import CycleFactory
from tests.monitoring.factories import MonitoringActFactory
from tests.municipalities.factories import BodyFactory
from tests.municipalities.factories import VillageFactory

BEFORE = [
    ("municipalities", "0007_fold_kyrgyz_letters_in_names"),
    ("monitoring", "0001_initial"),
    ("history", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)
def test_change_records_and_audit_events_move_into_the_one_history(
    municipality_factory, user_factory
):
    unit = municipality_factory()
    editor, lead = user_factory(), user_factory()
    body = BodyFactory(municipality=unit, name_ru="Тепкенский айылный кенеш")
    village = VillageFactory(municipality=unit, name_ru="Тепке")
    cycle = CycleFactory(group__municipality=unit)
    act = MonitoringActFactory(cycle=cycle)
    at = timezone.now() - datetime.timedelta(days=30)
    old = migrate_to(BEFORE)
    try:
        ChangeRecord = old.get_model("municipalities", "ChangeRecord")
        AuditEvent = old.get_model("monitoring", "AuditEvent")
        ChangeRecord.objects.create(
            municipality_id=unit.pk, actor_id=editor.pk, at=at, action="updated",
            object_type="municipality", object_label="Тепке айыл аймагы",
            changes={"description_ru": [None, "Об айылном аймаке"]},
        )
        ChangeRecord.objects.create(
            municipality_id=unit.pk, actor_id=editor.pk, at=at, action="created",
            object_type="body", object_label="Тепкенский айылный кенеш",
            changes={"seats": [None, 15]},
        )
        ChangeRecord.objects.create(
            municipality_id=unit.pk, actor_id=editor.pk, at=at, action="deleted",
            object_type="village", object_label="Жок айыл", changes={"name_ru": ["Жок айыл", None]},
        )
        ChangeRecord.objects.create(
            municipality_id=unit.pk, at=at, action="superseded", object_type="municipality",
            object_label="Тепке айыл аймагы", changes={"valid_to": [None, "2025-12-31"]},
            source_file="op825_2026.xls",
        )
        ChangeRecord.objects.create(
            municipality_id=unit.pk, actor_id=editor.pk, at=at, action="created",
            object_type="village", object_label="Тепке", changes={"name_ru": [None, "Тепке"]},
        )
        AuditEvent.objects.create(
            cycle_id=cycle.pk, act_id=act.pk, actor_id=lead.pk, verb="act_returned",
            from_status="submitted", to_status="returned", comment="Сүрөт кошуңуз",
            comment_ky="Сүрөт кошуңуз", at=at,
        )
        AuditEvent.objects.create(
            cycle_id=cycle.pk, actor_id=lead.pk, verb="cycle_published",
            from_status="in_progress", to_status="published", at=at,
        )
        AuditEvent.objects.create(
            cycle_id=cycle.pk, actor_id=lead.pk, verb="dissent", comment_ru="Не согласна", at=at,
        )
    finally:
        migrate_to_latest()

    assert Change.objects.count() == 8
    assert "municipalities_changerecord" not in connection.introspection.table_names()
    assert "monitoring_auditevent" not in connection.introspection.table_names()
    own = Change.objects.get(content_type__model="municipality", verb="changed")
    assert (own.object_id, own.actor_id, own.at, own.municipality_id) == (
        unit.pk, editor.pk, at, unit.pk
    )
    assert own.changes == {"description_ru": [None, "Об айылном аймаке"]}
    assert not own.is_public
    council = Change.objects.get(content_type__model="body")
    assert (council.object_id, council.parent_id) == (body.pk, unit.pk)
    gone = Change.objects.get(content_type__model="village", verb="deleted")
    assert gone.object_id is None  # the old history did not keep it, and the row is gone
    assert Change.objects.get(content_type__model="village", verb="created").object_id == (
        village.pk
    )
    loaded = Change.objects.get(verb="superseded")
    assert (loaded.source_file, loaded.actor_id, loaded.is_public) == (
        "op825_2026.xls", None, True
    )
    returned = Change.objects.get(verb="returned")
    assert (returned.content_type.model, returned.object_id, returned.parent_id) == (
        "monitoringact", act.pk, cycle.pk
    )
    assert returned.changes == {"status": ["submitted", "returned"]}
    assert (returned.comment, returned.actor_id, returned.at) == ("Сүрөт кошуңуз", lead.pk, at)
    published = Change.objects.get(verb="published")
    assert (published.content_type.model, published.is_public) == ("cycle", True)
    assert Change.objects.get(verb="dissent").comment == "Не согласна"
    # The pages read them through the selectors.
    assert object_history(cycle).count() == 3
    assert object_history(unit).count() == 8  # everything recorded for the unit
    assert [entry.verb for entry in object_history(cycle, public_only=True)] == ["published"]
