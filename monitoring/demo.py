# ruff: noqa: E501 - demo texts read better unbroken
"""Demo content: groups, a published cycle and a cycle in progress in three ayil aimaks of
Ak-Suu rayon (so the rayon comparison has something to compare), in both languages.

Idempotent: everything is found again by its natural key. Writes that have a workflow go
through the services, so the history is real.
"""

import io
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from municipalities.models import Municipality
from portal.models import User
from portal.permissions import forget

from . import services
from .catalogue import catalogue_load
from .models import Action
from .models import Cycle
from .models import Evaluation
from .models import GroupMember
from .models import Indicator
from .models import MonitoringAct
from .models import MonitoringGroup
from .models import PlanItem

UNITS = {
    # slug: (group ky, group ru, basis, decision №, lead e-mail, values of the 2025 cycle, values of 2026)
    "tepkenskiy-aa": ("Тепке АА БМжБ тобу", "Группа СМиО Тепкенского АА", "council", "12/3"),
    "ak-bulunskiy-aa": ("Ак-Булуң АА БМжБ тобу", "Группа СМиО Ак-Булунского АА", "assembly", ""),
    "karakolskiy-aa": ("Каракол АА БМжБ тобу", "Группа СМиО Караколского АА", "council", "7/1"),
}

# indicator code, target, 2025 values per unit (tepke, ak-bulun, karakol), 2026 value (tepke)
PLAN = [
    ("water-satisfaction", Decimal(4), (Decimal(3), Decimal(2), Decimal(4)), Decimal(4)),
    ("water-outage-days", Decimal(3), (Decimal(6), Decimal(12), Decimal(2)), Decimal(4)),
    ("waste-on-schedule", Decimal(90), (Decimal(75), Decimal(60), None), Decimal(85)),
    ("roads-condition", Decimal(3), (Decimal(2), Decimal(3), Decimal(3)), None),
    ("lighting-working", Decimal(80), (Decimal(55), Decimal(70), Decimal(82)), Decimal(68)),
    ("kindergarten-coverage", Decimal(40), (Decimal(28), Decimal(35), Decimal(31)), None),
    ("health-post-staffed", Decimal(1), (Decimal(1), Decimal(0), Decimal(1)), Decimal(1)),
    ("public-hearings", Decimal(4), (Decimal(2), Decimal(1), Decimal(4)), Decimal(3)),
    ("budget-published", Decimal(1), (Decimal(1), Decimal(0), Decimal(1)), Decimal(1)),
]

MEMBERS = [
    # key, name, role, gender, birth year, lead
    ("lead", "Гүлнара Осмонова", "civil_society", "female", 1978, True),
    ("monitor", "Бакыт Мамытов", "resident", "male", 1996, False),
    ("deputy", "Асан Токтогулов", "deputy", "male", 1965, False),
    ("staff", "Жылдыз Абдыкеримова", "lsg_staff", "female", 1988, False),
    ("youth", "Айпери Сыдыкова", "resident", "female", 2003, False),
]


def _user(email: str, name: str) -> User:
    """A demo group lead who can sign in with the demo password."""
    from allauth.account.models import EmailAddress

    from portal.management.commands.seed_demo import DEMO_PASSWORD

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.display_name = name
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _group(unit, names, lead_user, monitor_user):
    name_ky, name_ru, basis, number = names
    group, _created = MonitoringGroup.objects.get_or_create(
        municipality=unit,
        name_ru=name_ru,
        defaults={"name_ky": name_ky, "basis": basis, "decision_number": number,
                  "decision_date": date(2024, 11, 20)},
    )
    members = {}
    for key, full_name, role, gender, year, is_lead in MEMBERS:
        user = {"lead": lead_user, "monitor": monitor_user}.get(key)
        member, _created = GroupMember.objects.get_or_create(
            group=group, full_name=full_name,
            defaults={"user": user, "role": role, "gender": gender, "birth_year": year,
                      "is_lead": is_lead},
        )
        members[key] = member
    # The same user objects join a group in every unit: let the rules see the new memberships.
    for user in (lead_user, monitor_user):
        forget(user)
    return group, members


def _cycle(unit, group, year: int, title_ky: str, title_ru: str, start: date, end: date):
    cycle, _created = Cycle.objects.get_or_create(
        municipality=unit, period_start=start,
        defaults={"group": group, "title_ky": title_ky, "title_ru": title_ru, "period_end": end,
                  "schedule_ky": "Март — пландоо; апрель–май — объекттерге баруу жана сурамжылоо; июнь — айылдык кеңешке отчет жана элдик жыйын.",
                  "schedule_ru": "Март — планирование; апрель–май — выезды на объекты и опросы; июнь — отчёт айылному кенешу и сход."},
    )
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code, target, _before, _now in PLAN:
        PlanItem.objects.get_or_create(
            cycle=cycle, indicator=indicators[code],
            defaults={"target": target, "scheduled_for": date(year, 4, 15),
                      "objects_to_visit_ky": "Суу түтүгү, мектеп, ФАП, борбордук көчө",
                      "objects_to_visit_ru": "Водопровод, школа, ФАП, центральная улица"},
        )
    return cycle, indicators


def _act(cycle, member, title_ky, title_ru, place_ky, place_ru, day, values, indicators):
    act = MonitoringAct.objects.filter(cycle=cycle, author=member, title_ru=title_ru).first()
    if act is None:
        with translation.override("ky"):
            act = services.act_create(cycle=cycle, user=member.user, title=title_ky,
                                      place=place_ky, visited_on=day)
        act.title_ru, act.place_ru = title_ru, place_ru
        act.save(update_fields=["title_ru", "place_ru"])
    if act.is_editable and not act.evaluations.exists():
        for code, value in values:
            if value is None:
                continue
            indicator = indicators[code]
            services.evaluation_save(act=act, evaluation=Evaluation(
                indicator=indicator, value=value, observed_on=day, method=indicator.method,
                evidence_ky="Объектке барып көрүлдү, тургундар менен сүйлөшүлдү.",
                evidence_ru="Объект осмотрен на месте, опрошены жители.",
                place_ky=place_ky, place_ru=place_ru,
            ))
        first = act.evaluations.order_by("pk").first()
        if first is not None and not first.attachments.exists():
            evidence = services.evidence_add(
                evaluation=first,
                upload=SimpleUploadedFile("photo.png", _demo_photo(), "image/png"),
                caption="Объекттин сүрөтү",
            )
            evidence.caption_ru = "Фото объекта"
            evidence.save(update_fields=["caption_ru"])
    return act


def _demo_photo() -> bytes:
    """A small generated picture standing in for a monitor's photo."""
    from PIL import Image
    from PIL import ImageDraw

    image = Image.new("RGB", (320, 200), (135, 185, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 130, 320, 200), fill=(120, 120, 120))
    draw.rectangle((40, 60, 140, 130), fill=(230, 220, 200))
    draw.line((250, 40, 250, 130), fill=(60, 60, 60), width=4)
    draw.ellipse((238, 28, 262, 52), fill=(250, 230, 120))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def seed(*, stdout) -> None:
    with translation.override("ky"):
        _seed(stdout=stdout)


@transaction.atomic
def _seed(*, stdout) -> None:
    catalogue_load()
    units = {u.slug: u for u in Municipality.objects.filter(slug__in=UNITS)}
    if not units:
        stdout.write("monitoring: no demo municipalities found, skipped")
        return
    monitor = User.objects.filter(email="monitor@demo.kg").first() or _user(
        "monitor@demo.kg", "Мониторчу Бакыт")
    staff = User.objects.filter(email="staff@demo.kg").first()
    for index, (slug, names) in enumerate(UNITS.items()):
        unit = units.get(slug)
        if unit is None:
            continue
        lead = _user(f"lead.{slug}@demo.kg", "Гүлнара Осмонова")
        group, members = _group(unit, names, lead, monitor)
        # The completed, published cycle of 2025.
        done, indicators = _cycle(unit, group, 2025, "БМжБ 2025: айылдык кызматтар",
                                  "СМиО 2025: услуги айылного аймака", date(2025, 3, 1), date(2025, 6, 30))
        if not done.is_published:
            values = [(code, before[index]) for code, _t, before, _n in PLAN]
            first = _act(done, members["monitor"], "Суу түтүгү жана көчө жарыгы", "Водопровод и уличное освещение",
                         "Борбордук айыл", "Центральное село", date(2025, 4, 18), values[:5], indicators)
            second = _act(done, members["lead"], "Мектеп, ФАП жана ачыктык", "Школа, ФАП и открытость",
                          "Айыл өкмөтү, мектеп, ФАП", "Айыл окмоту, школа, ФАП", date(2025, 5, 12), values[5:], indicators)
            for act in (first, second):
                if act.status in MonitoringAct.EDITABLE:
                    services.act_submit(act=act, user=act.author.user)
                if act.status == MonitoringAct.Status.SUBMITTED:
                    services.act_review(act=act, user=lead, accept=True)
            services.findings_save(
                cycle=done,
                works_well_ky="ФАП туруктуу иштейт; бюджет маалымат тактасына илинет.",
                works_well_ru="ФАП работает стабильно; бюджет вывешивается на доске объявлений.",
                does_not_work_ky="Жайында суу үзгүлтүккө учурайт; көчө чырактарынын жарымы күйбөйт.",
                does_not_work_ru="Летом перебои с водой; половина уличных фонарей не горит.",
                help_needed_ky="Суу түтүгүн оңдоого райондун жана донорлордун жардамы керек.",
                help_needed_ru="Для ремонта водопровода нужна помощь района и доноров.",
                recommendations_ky="Суу берүү графигин жарыялоо; чырактарды алмаштырууну бюджетке киргизүү; коомдук угууларды көбөйтүү.",
                recommendations_ru="Публиковать график подачи воды; заложить замену фонарей в бюджет; проводить больше общественных слушаний.",
            )
            if index == 0:
                services.dissent_save(
                    cycle=done, user=monitor,
                    text="Суу боюнча баа өтө жогору: төмөнкү көчөлөрдө суу жумасына эки гана күн келет.",
                )
            services.cycle_publish(cycle=done, user=lead)
        if staff is not None and slug == "tepkenskiy-aa" and not hasattr(done, "response"):
            services.response_give(
                cycle=done, user=staff,
                text_ky="Айыл өкмөтү сунуштарды кабыл алат. Суу түтүгүн оңдоо 2026-жылдын бюджетине киргизилди, көчө чырактары этап менен алмаштырылат.",
                text_ru="Айыл окмоту принимает рекомендации. Ремонт водопровода включён в бюджет 2026 года, уличные фонари заменяются поэтапно.",
            )
        if not done.actions.exists():
            plan = [
                ("Суу берүү графигин тактага жана сайтка жарыялоо", "Жарыялоо графика подачи воды на доске и сайте",
                 "Айыл өкмөтүнүн башчысынын орун басары", "Заместитель главы айыл окмоту", date(2025, 9, 1), Action.Status.DONE),
                ("40 көчө чырагын LED чырактарга алмаштыруу", "Замена 40 уличных фонарей на светодиодные",
                 "Коммуналдык кызмат", "Коммунальная служба", date(2026, 5, 31), Action.Status.IN_PROGRESS),
                ("Бюджет боюнча жылына төрт коомдук угуу өткөрүү", "Проводить четыре общественных слушания по бюджету в год",
                 "Айылдык кеңештин төрагасы", "Председатель айылного кенеша", date(2025, 12, 31), Action.Status.PLANNED),
            ]
            for text_ky, text_ru, resp_ky, resp_ru, deadline, status in plan:
                action = services.action_add(cycle=done, user=lead, action=Action(
                    text_ky=text_ky, text_ru=text_ru, responsible_ky=resp_ky, responsible_ru=resp_ru,
                    deadline=deadline))
                if status != Action.Status.PLANNED:
                    services.action_progress(
                        action=action, user=lead, status=status,
                        note="Аткарылышы текшерилди; маалымат тактасынын сүрөтү тиркелди." if status == Action.Status.DONE
                        else "16 чырак алмаштырылды, калганы 2026-жылдын жазында.",
                    )
        # The cycle in progress (2026) in Tepke: a draft, a submitted and a returned act.
        if slug == "tepkenskiy-aa":
            current, indicators = _cycle(unit, group, 2026, "БМжБ 2026: кызматтардын сапаты",
                                         "СМиО 2026: качество услуг", date(2026, 3, 1), date(2026, 12, 31))
            now_values = [(code, now) for code, _t, _b, now in PLAN]
            draft = _act(current, members["monitor"], "Таштанды чыгаруу жана суу", "Вывоз мусора и вода",
                         "Тепке айылы", "село Тепке", date(2026, 9, 10), now_values[:3], indicators)
            submitted = _act(current, members["lead"], "Көчө жарыгы жана ачыктык", "Уличное освещение и открытость",
                             "Тепке айылы", "село Тепке", date(2026, 10, 2), now_values[4:], indicators)
            if submitted.status in MonitoringAct.EDITABLE:
                services.act_submit(act=submitted, user=lead)
            del draft
    stdout.write(
        f"monitoring: demo groups and cycles in {len(units)} municipalities; group leads "
        f"sign in as lead.<slug>@demo.kg (e.g. lead.tepkenskiy-aa@demo.kg), "
        f"monitor@demo.kg is a member of every group"
    )
