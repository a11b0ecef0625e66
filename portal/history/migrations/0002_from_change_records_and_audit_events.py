"""The two histories kept before become entries of the one history (nothing is lost).

- municipalities.ChangeRecord (directory edits and file loads): actor, time, changed fields,
  source file; "updated" becomes "changed". The old rows did not keep the object's id: a unit's
  own entries get it, a body, village, member or charter is found by its unit and name where
  it still exists (else the id stays empty); the parent is the unit.
- monitoring.AuditEvent (a cycle's and its acts' state changes): actor, time, comment (either
  language), the statuses as {"status": [from, to]}; an act's entry has the cycle as parent.
"""

from django.db import migrations

CR_VERBS = {"updated": "changed"}
AUDIT = {  # old verb -> (new verb, about the act?, public?)
    "act_created": ("created", True, False),
    "act_submitted": ("submitted", True, False),
    "act_returned": ("returned", True, False),
    "act_accepted": ("accepted", True, False),
    "act_published": ("published", True, True),
    "cycle_published": ("published", False, True),
    "dissent": ("dissent", False, False),
    "response": ("responded", False, True),
    "action_added": ("action_added", False, True),
    "action_progress": ("progress", False, True),
}
PUBLIC = {"superseded"}
BATCH = 1000


def _title(obj):
    return (obj.title or obj.title_ky or obj.title_ru or str(obj.pk))[:300]


def _type(ContentType, app_label, model):
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _object_id(apps, record, cache):
    kind, unit_id, label = record.object_type, record.municipality_id, record.object_label
    if kind == "municipality":
        return unit_id
    key = (kind, unit_id)
    if key not in cache:
        names = {}
        if kind == "charter":
            for pk in apps.get_model("municipalities", "Charter").objects.filter(
                municipality_id=unit_id
            ).values_list("pk", flat=True):
                names[None] = pk
        elif kind in ("body", "village"):
            model = apps.get_model("municipalities", kind.capitalize())
            for row in model.objects.filter(municipality_id=unit_id).values(
                "pk", "name", "name_ky", "name_ru"
            ):
                for name in (row["name"], row["name_ky"], row["name_ru"]):
                    if name:
                        names.setdefault(name, row["pk"])
        elif kind == "member":
            for row in apps.get_model("municipalities", "Member").objects.filter(
                body__municipality_id=unit_id
            ).values("pk", "full_name", "full_name_ky", "full_name_ru"):
                for name in (row["full_name"], row["full_name_ky"], row["full_name_ru"]):
                    if name:
                        names.setdefault(name, row["pk"])
        cache[key] = names
    names = cache[key]
    return names.get(None) if kind == "charter" else names.get(label)


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Change = apps.get_model("history", "Change")
    ChangeRecord = apps.get_model("municipalities", "ChangeRecord")
    AuditEvent = apps.get_model("monitoring", "AuditEvent")
    unit_type = _type(ContentType, "municipalities", "municipality")
    types, cache, batch = {}, {}, []

    def flush():
        Change.objects.bulk_create(batch, batch_size=BATCH)
        batch.clear()

    for record in ChangeRecord.objects.order_by("pk").iterator(chunk_size=BATCH):
        kind = record.object_type or "municipality"
        if kind not in types:
            types[kind] = _type(ContentType, "municipalities", kind)
        own = kind == "municipality"
        verb = CR_VERBS.get(record.action, record.action)
        batch.append(Change(
            content_type=types[kind],
            object_id=_object_id(apps, record, cache),
            object_label=record.object_label,
            parent_type=None if own else unit_type,
            parent_id=None if own else record.municipality_id,
            municipality_id=record.municipality_id,
            actor_id=record.actor_id,
            at=record.at,
            verb=verb,
            changes=record.changes or {},
            source_file=record.source_file,
            is_public=verb in PUBLIC,
        ))
        if len(batch) >= BATCH:
            flush()
    cycle_type = _type(ContentType, "monitoring", "cycle")
    act_type = _type(ContentType, "monitoring", "monitoringact")
    events = AuditEvent.objects.select_related("cycle", "act").order_by("pk")
    for event in events.iterator(chunk_size=BATCH):
        verb, about_act, public = AUDIT.get(event.verb, (event.verb, False, False))
        if event.act_id is not None:
            about_act = True
        changes = {}
        if event.from_status or event.to_status:
            changes["status"] = [event.from_status or None, event.to_status or None]
        act, cycle = event.act, event.cycle
        batch.append(Change(
            content_type=act_type if about_act and act else cycle_type,
            object_id=act.pk if about_act and act else cycle.pk,
            object_label=_title(act if about_act and act else cycle),
            parent_type=cycle_type if about_act and act else None,
            parent_id=cycle.pk if about_act and act else None,
            municipality_id=cycle.municipality_id,
            actor_id=event.actor_id,
            at=event.at,
            verb=verb,
            changes=changes,
            comment=event.comment_ky or event.comment_ru or event.comment or "",
            is_public=public,
        ))
        if len(batch) >= BATCH:
            flush()
    flush()


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_initial"),
        ("municipalities", "0007_fold_kyrgyz_letters_in_names"),
        ("monitoring", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
