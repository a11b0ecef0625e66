"""Demo events of several kinds in several municipalities, in Kyrgyz and Russian (idempotent)."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from municipalities.models import Municipality
from portal.models import Subscription
from portal.models import User
from portal.moderation.seeding import demo_flag
from practices.demo_files import pdf_bytes

from . import services
from .models import Alternative
from .models import AttendanceCount
from .models import BalanceGroup
from .models import Choice
from .models import Comment
from .models import Event
from .models import OfflineTally
from .models import ReferenceShare
from .models import VillageAttendance

RESIDENTS = [
    ("resident1@demo.kg", "Айгүл Токтогулова"),
    ("resident2@demo.kg", "Бакыт Осмонов"),
    ("resident3@demo.kg", "Светлана Ким"),
    ("resident4@demo.kg", "Жаныбек Садыков"),
    ("resident5@demo.kg", "Дилноза Юсупова"),
]

# slug, kind, status, days from now, hours, title ky/ru, description ky/ru, place ky/ru,
# alternatives [(ky, ru)], decision (ky, ru) or None, cancel reason (ky, ru) or None
EVENTS = [
    (
        "tepkenskiy-aa", Event.Kind.BUDGET_HEARING, Event.Status.OPEN, 9, 3,
        ("2027-жылдын жергиликтүү бюджетинин долбоору боюнча коомдук угуу",
         "Общественные бюджетные слушания по проекту местного бюджета на 2027 год"),
        ("Айыл өкмөтү 2027-жылга бюджеттин долбоорун сунуштайт: кирешелер, чыгашалар жана "
         "айылдардын артыкчылыктуу муктаждыктары. Сунуштарыңызды жазыңыз.",
         "Айыл окмоту представляет проект бюджета на 2027 год: доходы, расходы и приоритетные "
         "нужды сёл. Оставляйте свои предложения."),
        ("Тепке айылы, маданият үйү", "с. Тепке, дом культуры"),
        [("Ичүүчү суу түтүгүн оңдоо", "Ремонт водопровода питьевой воды"),
         ("Мектептин чатырын алмаштыруу", "Замена кровли школы"),
         ("Көчө жарыктандыруу", "Уличное освещение")],
        None, None,
    ),
    (
        "karakol", Event.Kind.PUBLIC_HEARING, Event.Status.RESULTS, -40, 2,
        ("Шаардык паркты реконструкциялоо боюнча коомдук угуу",
         "Общественные слушания по реконструкции городского парка"),
        ("Мэрия борбордук парктын үч долбоорун талкуулоого сунуштады.",
         "Мэрия вынесла на обсуждение три проекта реконструкции центрального парка."),
        ("Каракол шаары, мэриянын чоң залы", "г. Каракол, большой зал мэрии"),
        [("Жашыл аймак жана балдар аянтчасы", "Зелёная зона и детская площадка"),
         ("Спорт аянтчалары", "Спортивные площадки"),
         ("Жайкы сахна жана жарманке", "Летняя сцена и ярмарка")],
        ("Шаардык кеңешке биринчи вариантты сунуштоо чечими кабыл алынды; спорт аянтчалары "
         "экинчи этапта каралат.",
         "Принято решение рекомендовать городскому кенешу первый вариант; спортивные площадки "
         "будут рассмотрены на втором этапе."),
        None,
    ),
    (
        "naryn", Event.Kind.KURULTAI, Event.Status.PUBLISHED, 21, 4,
        ("Нарын шаарынын жергиликтүү коомчулугунун курултайы",
         "Курултай местного сообщества города Нарын"),
        ("Шаарды өнүктүрүү программасынын аткарылышы жана жаңы артыкчылыктар.",
         "Исполнение программы развития города и новые приоритеты."),
        ("Нарын шаары, драма театры", "г. Нарын, драматический театр"),
        [], None, None,
    ),
    (
        "kochkorskiy-aa", Event.Kind.VILLAGE_ASSEMBLY, Event.Status.HELD, -10, 2,
        ("Кочкор айылынын жыйыны: жайыттарды пайдалануу",
         "Сход села Кочкор: использование пастбищ"),
        ("Жайыт комитетинин отчету жана 2027-жылга жайыт билеттеринин баасы.",
         "Отчёт пастбищного комитета и стоимость пастбищных билетов на 2027 год."),
        ("Кочкор айылы, мектептин спорт залы", "с. Кочкор, спортзал школы"),
        [], None, None,
    ),
    (
        "kashgar-kyshtakskiy-aa", Event.Kind.VILLAGE_ASSEMBLY, Event.Status.HELD, -18, 2,
        ("Кашгар-Кыштак айылынын жыйыны: сугат сууну бөлүштүрүү",
         "Сход села Кашгар-Кыштак: распределение поливной воды"),
        ("Суу пайдалануучулар ассоциациясынын отчету жана жайкы сугат графиги.",
         "Отчёт ассоциации водопользователей и летний график полива."),
        ("Кашгар-Кыштак айылы, мектептин мажлис залы", "с. Кашгар-Кыштак, актовый зал школы"),
        [], None, None,
    ),
    (
        "osh", Event.Kind.CONSULTATION, Event.Status.CANCELLED, 5, 2,
        ("Жаштар менен фокус-топ: шаардык транспорт",
         "Фокус-группа с молодёжью: городской транспорт"),
        ("18–28 жаштагы тургундар менен автобус каттамдары боюнча маек.",
         "Беседа с жителями 18–28 лет о маршрутах автобусов."),
        ("Ош шаары, жаштар борбору", "г. Ош, молодёжный центр"),
        [], None,
        ("Жайгашкан жайдагы оңдоо иштерине байланыштуу жылдырылды; жаңы күнү жарыяланат.",
         "Перенесено из-за ремонта помещения; новая дата будет объявлена."),
    ),
    (
        "ak-bulunskiy-aa", Event.Kind.TRAINING, Event.Status.PUBLISHED, 14, 5,
        ("Айыл кеңешинин депутаттары үчүн бюджет боюнча окутуу",
         "Обучение депутатов айылного кенеша по бюджету"),
        ("Бюджеттик процесс, коомдук угуулар жана биргелешкен мониторинг.",
         "Бюджетный процесс, общественные слушания и совместный мониторинг."),
        ("Ак-Булуң айылы, айыл өкмөтү", "с. Ак-Булун, айыл окмоту"),
        [], None, None,
    ),
    (
        "talas", Event.Kind.COUNCIL_SESSION, Event.Status.OPEN, 3, 3,
        ("Талас шаардык кеңешинин кезектеги сессиясы",
         "Очередная сессия Таласского городского кенеша"),
        ("Күн тартиби: таштанды чыгаруу тарифи, мектепке чейинки мекемелер.",
         "Повестка: тариф на вывоз мусора, дошкольные учреждения."),
        ("Талас шаары, шаардык кеңештин залы", "г. Талас, зал городского кенеша"),
        [("Тарифти 10 %га көтөрүү", "Повысить тариф на 10 %"),
         ("Тарифти сактоо жана субсидия", "Сохранить тариф и субсидировать")],
        None, None,
    ),
]

COMMENTS = [
    ("resident1@demo.kg", "Суу түтүгү биринчи орунда: жайында Жогорку Тепкеде суу жок."),
    ("resident3@demo.kg", "Поддерживаю ремонт водопровода. Смета есть здесь: https://example.kg/smeta"),
    ("resident2@demo.kg", "Мектептин чатыры агып жатат, балдардын коопсуздугу маанилүү."),
    ("resident5@demo.kg", "Просим провести слушания и на узбекском языке для жителей Ак-Жара."),
]

# group key -> count for the held events
ATTENDANCE = {
    "karakol": {"female": 61, "male": 79, "14-17": 6, "18-28": 18, "29-59": 86, "60-plus": 30,
                "kyrgyz": 92, "russian": 21, "dungan": 9, "uyghur": 6, "uzbek": 4, "tajik": 0,
                "other": 8},
    "kochkorskiy-aa": {"female": 38, "male": 112, "14-17": 0, "18-28": 21, "29-59": 97,
                       "60-plus": 32, "kyrgyz": 147, "uzbek": 0, "russian": 1, "dungan": 0,
                       "uyghur": 0, "tajik": 0, "other": 2},
    # A southern ayil aimak with many Uzbek residents: the balance compares each event with
    # its own municipality's shares, so Uzbeks here and Russians in Karakol are judged
    # against their own towns, and the national figures sum the expected people.
    "kashgar-kyshtakskiy-aa": {"female": 74, "male": 86, "14-17": 4, "18-28": 35,
                               "29-59": 95, "60-plus": 26, "kyrgyz": 71, "uzbek": 85,
                               "russian": 0, "dungan": 0, "uyghur": 1, "tajik": 3, "other": 0},
}
VILLAGES = {
    "karakol": [("Каракол", 128), ("Ак-Суу", 12)],
    "kochkorskiy-aa": [("Кочкор", 119), ("Кара-Суу", 31)],
    "kashgar-kyshtakskiy-aa": [("Кашгар-Кыштак", 112), ("Нурдар", 48)],
}
# Own population structure of demo units whose mix differs from the national one
# (municipality slug -> group key -> percent, and the source cited on the page).
OWN_SHARES = {
    "kashgar-kyshtakskiy-aa": (
        {"kyrgyz": "52.0", "uzbek": "45.0", "russian": "0.3", "dungan": "0.0", "uyghur": "0.4",
         "tajik": "1.8", "other": "0.5"},
        "Демо: көрсөтүү үчүн ойдон чыгарылган сандар / Демо: условные цифры для примера",
    ),
}


def _residents() -> list[User]:
    users = []
    for email, name in RESIDENTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"username": email, "display_name": name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    citizen = User.objects.filter(email="citizen@demo.kg").first()
    return [*users, citizen] if citizen else users


def _demo_document(event: Event) -> None:
    """A draft budget attached to the open hearing, served by events:document."""
    if event.documents.exists():
        return
    upload = SimpleUploadedFile(
        "budget.pdf", pdf_bytes("Draft budget", ("Demo document.",)), "application/pdf"
    )
    services.document_add(
        event=event, title_ky="Бюджеттин долбоору", title_ru="Проект бюджета", file=upload
    )


def seed(*, stdout) -> None:
    units = {m.slug: m for m in Municipality.objects.filter(slug__in={e[0] for e in EVENTS})}
    residents = _residents()
    by_email = {u.email: u for u in residents}
    groups = {g.key: g for g in BalanceGroup.objects.all()}
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    created = 0
    for (slug, kind, status, days, hours, title, description, place, alternatives, decision,
         cancel) in EVENTS:
        unit = units.get(slug)
        if unit is None:
            stdout.write(f"participation demo: no municipality {slug!r}, skipped")
            continue
        starts = (now + datetime.timedelta(days=days)).replace(hour=10)
        event, was_created = Event.objects.update_or_create(
            municipality=unit,
            title_ky=title[0],
            defaults={
                "kind": kind,
                "status": status,
                "title_ru": title[1],
                "description_ky": description[0],
                "description_ru": description[1],
                "place_ky": place[0],
                "place_ru": place[1],
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=hours),
                "published_at": now - datetime.timedelta(days=30),
                "decision_ky": decision[0] if decision else "",
                "decision_ru": decision[1] if decision else "",
                "results_published_at": now if decision else None,
                "cancel_reason_ky": cancel[0] if cancel else "",
                "cancel_reason_ru": cancel[1] if cancel else "",
                "agenda_ky": "1. Маалымат\n2. Талкуу жана суроолор\n3. Чечим",
                "agenda_ru": "1. Информация\n2. Обсуждение и вопросы\n3. Решение",
            },
        )
        created += was_created
        alts = []
        for position, (alt_ky, alt_ru) in enumerate(alternatives, start=1):
            alt, _ = Alternative.objects.update_or_create(
                event=event, position=position,
                defaults={"title_ky": alt_ky, "title_ru": alt_ru},
            )
            alts.append(alt)
        if alts:
            for index, user in enumerate(residents):
                Choice.objects.update_or_create(
                    event=event, user=user, defaults={"alternative": alts[index % len(alts)]}
                )
        if status == Event.Status.OPEN and slug == "tepkenskiy-aa":
            _demo_document(event)
            first = None
            for email, text in COMMENTS:
                if email not in by_email:
                    continue
                comment, _ = Comment.objects.get_or_create(
                    event=event, author=by_email[email], text=text,
                    defaults={"parent": None},
                )
                first = first or comment
            # Flags for the moderation queue: a moderator will dismiss both (asking for the
            # hearing in Uzbek is on topic; a link to an estimate is not advertising).
            flagged = Comment.objects.filter(event=event, author__email="resident5@demo.kg").first()
            if flagged:
                demo_flag(flagged, by_email.get("resident2@demo.kg"),
                          "Бул комментарийдин бюджеттин долбооруна тиешеси жок.")
            linked = Comment.objects.filter(event=event, author__email="resident3@demo.kg").first()
            if linked:
                demo_flag(linked, by_email.get("resident4@demo.kg"), "Жарнама шилтемеси.")
            if first and "citizen@demo.kg" in by_email:
                Comment.objects.get_or_create(
                    event=event, author=by_email["citizen@demo.kg"], parent=first,
                    text="Макулмун, Жогорку Тепкеде суу күнүнө эки саат гана болот.",
                )
        if status == Event.Status.RESULTS and not event.protocol:
            # Served by events:protocol (portal/files.py), never from /media/.
            event.protocol.save("protocol.pdf", ContentFile(pdf_bytes(
                "Protocol of the public hearing", ("Demo document.",)
            )))
        if status == Event.Status.RESULTS and alts:
            for alt, (hands, paper) in zip(alts, [(54, 0), (31, 0), (12, 0)], strict=False):
                OfflineTally.objects.update_or_create(
                    alternative=alt, method=OfflineTally.Method.HANDS, defaults={"count": hands}
                )
                if paper:
                    OfflineTally.objects.update_or_create(
                        alternative=alt, method=OfflineTally.Method.PAPER,
                        defaults={"count": paper},
                    )
        for key, count in ATTENDANCE.get(slug, {}).items():
            if key in groups:
                AttendanceCount.objects.update_or_create(
                    event=event, group=groups[key], defaults={"count": count}
                )
        for village, count in VILLAGES.get(slug, []):
            VillageAttendance.objects.update_or_create(
                event=event, village=village, defaults={"count": count}
            )
    # Karakol's own population structure (its ethnic mix differs from the national one).
    karakol = units.get("karakol")
    if karakol is not None:
        source = {
            "source_ky": "Демо сандар, мисал үчүн гана: аларды Ысык-Көл облустук статистика "
            "башкармалыгынын Каракол шаары боюнча маалыматы менен алмаштыруу керек (2022-жылкы "
            "калкты каттоо)",
            "source_ru": "Демонстрационные цифры, только для примера: их нужно заменить данными "
            "Иссык-Кульского областного управления статистики по Караколу (перепись 2022 года)",
        }
        for key, percent in {"kyrgyz": "66.0", "russian": "20.0", "dungan": "5.0",
                             "uyghur": "3.0", "uzbek": "1.0", "tajik": "0.2",
                             "other": "4.8"}.items():
            if key in groups:
                ReferenceShare.objects.update_or_create(
                    municipality=karakol, group=groups[key],
                    defaults={"percent": Decimal(percent), **source},
                )
    for slug, (shares, own_source) in OWN_SHARES.items():
        if slug not in units:
            continue
        for key, percent in shares.items():
            if key in groups:
                ReferenceShare.objects.update_or_create(
                    municipality=units[slug], group=groups[key],
                    defaults={"percent": Decimal(percent), "source": own_source},
                )
    citizen = by_email.get("citizen@demo.kg")
    if citizen and "tepkenskiy-aa" in units:
        Subscription.objects.get_or_create(
            user=citizen,
            municipality=units["tepkenskiy-aa"],
            defaults={"frequency": Subscription.Frequency.IMMEDIATE},
        )
    stdout.write(f"participation: {len(EVENTS)} demo events ({created} new)")
