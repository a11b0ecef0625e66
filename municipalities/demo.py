"""Demo content of the directory: LSG bodies of four units, demo villages, the reform.

The reform: one recorded merger, and the ayil aimaks Bishkek took in (retired with Bishkek as
their successor, as ``load_admin_units --nsc-workbook`` records them).

The people are invented for the demonstration and their bodies are marked as demo entries; the
merger (Ala-Archa AA + Oktyabr AA -> Suimonkul Chokmorov AA, 32 deputies, population 14,700)
is the example the Central Election Commission reported on 20.02.2024 (shailoo.gov.kg).
Idempotent: everything is found again by a natural key.
"""

import datetime
from typing import Any
from typing import TypedDict

from django.db import transaction

from portal.models import User

from .models import Body
from .models import Member
from .models import Municipality
from .models import Succession
from .models import Village
from .services import Retirement
from .services import unit_search_text
from .services import units_merge
from .services import units_retire

F, M = Member.Gender.FEMALE, Member.Gender.MALE

# slug -> council, executive; each (name_ky, name_ru, address_ky, address_ru, phone, email,
# website, office_hours_ky, office_hours_ru) and people (role, ky, ru, position ky, ru, gender)
BODIES: dict[str, dict[str, dict[str, Any]]] = {
    "karakol": {
        "council": {
            "name": ("Каракол шаардык кеңеши", "Каракольский городской кенеш"),
            "address": ("Каракол ш., Абдрахманов көч., 130", "г. Каракол, ул. Абдрахманова, 130"),
            "phone": "+996 3922 5 00 01", "email": "kenesh@karakol.demo.kg",
            "website": "https://karakol.demo.kg/kenesh",
            "hours": ("Дүйшөмбү–жума, 8:30–17:30", "Понедельник–пятница, 8:30–17:30"),
            "term": (datetime.date(2024, 11, 30), datetime.date(2028, 11, 30)), "seats": 31,
            "people": [
                ("chair", "Асанова Гүлнара Токтогуловна", "Асанова Гульнара Токтогуловна",
                 "", "", F),
                ("deputy_chair", "Бекташев Нурлан Асылбекович", "Бекташев Нурлан Асылбекович",
                 "", "", M),
                ("deputy", "Жумабаева Айнура Сапарбековна", "Жумабаева Айнура Сапарбековна",
                 "", "", F),
                ("deputy", "Осмонов Эрлан Кубатбекович", "Осмонов Эрлан Кубатбекович", "", "", M),
                ("deputy", "Мамбетова Чолпон Иманалиевна", "Мамбетова Чолпон Иманалиевна",
                 "", "", F),
                ("deputy", "Ким Сергей Викторович", "Ким Сергей Викторович", "", "", M),
            ],
        },
        "executive": {
            "name": ("Каракол шаарынын мэриясы", "Мэрия города Каракол"),
            "address": ("Каракол ш., Абдрахманов көч., 130", "г. Каракол, ул. Абдрахманова, 130"),
            "phone": "+996 3922 5 00 00", "email": "meria@karakol.demo.kg",
            "website": "https://karakol.demo.kg",
            "hours": ("Дүйшөмбү–жума, 8:30–17:30; түшкү тыныгуу 12:30–13:30",
                      "Понедельник–пятница, 8:30–17:30; обед 12:30–13:30"),
            "people": [
                ("head", "Токтосунов Бакыт Жээнбекович", "Токтосунов Бакыт Жээнбекович",
                 "мэр", "мэр", M),
                ("deputy_head", "Исакова Жамила Маратовна", "Исакова Жамиля Маратовна",
                 "мэрдин орун басары", "вице-мэр", F),
                ("staff", "Абдыкеримов Талант Русланович", "Абдыкеримов Талант Русланович",
                 "финансы бөлүмүнүн башчысы", "начальник финансового отдела", M),
            ],
        },
    },
    "tepkenskiy-aa": {
        "council": {
            "name": ("Тепке айылдык кеңеши", "Тепкенский айылный кенеш"),
            "address": ("Ак-Суу району, Тепке айылы, Ленин көч., 1",
                        "Ак-Суйский район, с. Тепке, ул. Ленина, 1"),
            "phone": "+996 3945 9 11 00", "email": "kenesh@tepke.demo.kg", "website": "",
            "hours": ("Сессиялар чейрек сайын; кабыл алуу шаршемби, 9:00–12:00",
                      "Сессии ежеквартально; приём по средам, 9:00–12:00"),
            "term": (datetime.date(2024, 11, 28), datetime.date(2028, 11, 28)), "seats": 15,
            "people": [
                ("chair", "Сыдыков Марат Абдыкадырович", "Сыдыков Марат Абдыкадырович", "", "", M),
                ("deputy", "Кадырова Бүбүсара Токоевна", "Кадырова Бюбюсара Токоевна", "", "", F),
                ("deputy", "Эсенгулов Азамат Жолдошбекович", "Эсенгулов Азамат Жолдошбекович",
                 "", "", M),
                ("deputy", "Турдубаева Назгүл Бакытовна", "Турдубаева Назгуль Бакытовна",
                 "", "", F),
            ],
        },
        "executive": {
            "name": ("Тепке айыл өкмөтү", "Тепкенский айыл окмоту"),
            "address": ("Ак-Суу району, Тепке айылы, Ленин көч., 1",
                        "Ак-Суйский район, с. Тепке, ул. Ленина, 1"),
            "phone": "+996 3945 9 10 00", "email": "ao@tepke.demo.kg", "website": "",
            "hours": ("Дүйшөмбү–жума, 8:00–17:00", "Понедельник–пятница, 8:00–17:00"),
            "people": [
                ("head", "Жээнбеков Улан Төлөнович", "Жээнбеков Улан Толонович",
                 "айыл өкмөтүнүн башчысы", "глава айыл окмоту", M),
                ("staff", "Алиева Гүлзат Мукашевна", "Алиева Гульзат Мукашевна",
                 "башкы адис (финансы)", "главный специалист (финансы)", F),
                ("staff", "Бообеков Нурбек Сатарович", "Бообеков Нурбек Сатарович",
                 "жер маселелери боюнча адис", "специалист по земельным вопросам", M),
            ],
        },
    },
    "naryn": {
        "council": {
            "name": ("Нарын шаардык кеңеши", "Нарынский городской кенеш"),
            "address": ("Нарын ш., Ленин көч., 42", "г. Нарын, ул. Ленина, 42"),
            "phone": "+996 3522 5 10 10", "email": "kenesh@naryn.demo.kg", "website": "",
            "hours": ("Дүйшөмбү–жума, 9:00–18:00", "Понедельник–пятница, 9:00–18:00"),
            "term": (datetime.date(2024, 11, 29), datetime.date(2028, 11, 29)), "seats": 25,
            "people": [
                ("chair", "Абдраимова Салтанат Кенешовна", "Абдраимова Салтанат Кенешовна",
                 "", "", F),
                ("deputy", "Мукашев Данияр Эркинович", "Мукашев Данияр Эркинович", "", "", M),
                ("deputy", "Усенова Айгерим Талантовна", "Усенова Айгерим Талантовна", "", "", F),
            ],
        },
        "executive": {
            "name": ("Нарын шаарынын мэриясы", "Мэрия города Нарын"),
            "address": ("Нарын ш., Ленин көч., 42", "г. Нарын, ул. Ленина, 42"),
            "phone": "+996 3522 5 00 00", "email": "meria@naryn.demo.kg", "website": "",
            "hours": ("Дүйшөмбү–жума, 9:00–18:00", "Понедельник–пятница, 9:00–18:00"),
            "people": [
                ("head", "Калыков Эмил Бактыбекович", "Калыков Эмиль Бактыбекович",
                 "мэр", "мэр", M),
            ],
        },
    },
    "kochkorskiy-aa": {
        "council": {
            "name": ("Кочкор айылдык кеңеши", "Кочкорский айылный кенеш"),
            "address": ("Кочкор району, Кочкор айылы, Орозбаков көч., 5",
                        "Кочкорский район, с. Кочкор, ул. Орозбакова, 5"),
            "phone": "+996 3535 2 11 11", "email": "kenesh@kochkor.demo.kg", "website": "",
            "hours": ("Кабыл алуу бейшемби, 9:00–12:00", "Приём по четвергам, 9:00–12:00"),
            "term": (datetime.date(2024, 11, 28), datetime.date(2028, 11, 28)), "seats": 21,
            "people": [
                ("chair", "Өмүрбекова Айжан Сейитбековна", "Омурбекова Айжан Сейитбековна",
                 "", "", F),
                ("deputy", "Турсунбаев Бакыт Орозович", "Турсунбаев Бакыт Орозович", "", "", M),
                ("deputy", "Мамытова Күлүйпа Асановна", "Мамытова Кулуйпа Асановна", "", "", F),
                ("deputy", "Исаков Тилек Бекболотович", "Исаков Тилек Бекболотович", "", "", M),
            ],
        },
        "executive": {
            "name": ("Кочкор айыл өкмөтү", "Кочкорский айыл окмоту"),
            "address": ("Кочкор району, Кочкор айылы, Орозбаков көч., 5",
                        "Кочкорский район, с. Кочкор, ул. Орозбакова, 5"),
            "phone": "+996 3535 2 10 00", "email": "ao@kochkor.demo.kg", "website": "",
            "hours": ("Дүйшөмбү–жума, 8:00–17:00", "Понедельник–пятница, 8:00–17:00"),
            "people": [
                ("head", "Бейшеналиев Асан Үсөнович", "Бейшеналиев Асан Усенович",
                 "айыл өкмөтүнүн башчысы", "глава айыл окмоту", M),
                ("staff", "Токтобаева Мээрим Жаныбековна", "Токтобаева Мээрим Жаныбековна",
                 "социалдык маселелер боюнча адис", "специалист по социальным вопросам", F),
            ],
        },
    },
}

DEMO_VILLAGES = {
    "tepkenskiy-aa": [("Тепке", "Тепке"), ("Жаңы-Жол", "Жаны-Жол")],
    "kochkorskiy-aa": [("Кочкор", "Кочкор"), ("Көк-Жар", "Кок-Жар")],
}

class _Merger(TypedDict):
    predecessors: list[str]
    slug: str
    name_ky: str
    name_ru: str
    date: datetime.date
    note_ky: str
    note_ru: str


class _Absorption(TypedDict):
    slugs: list[str]
    successor: str
    date: datetime.date
    note_ky: str
    note_ru: str


MERGER: _Merger = {
    "predecessors": ["ala-archinskiy-aa", "oktyabrskiy-aa-2"],
    "slug": "suimonkul-chokmorov-aa",
    "name_ky": "Сүймөнкул Чокморов айыл аймагы",
    "name_ru": "Айылный аймак имени Суймонкула Чокморова",
    "date": datetime.date(2024, 2, 20),
    "note_ky": "Айыл аймактарды ирилештирүү. Күнү Борбордук шайлоо комиссиясынын "
    "билдирүүсү боюнча берилди (shailoo.gov.kg, 20.02.2024); мыйзамдын күчүнө кирген күнү "
    "такталууда.",
    "note_ru": "Укрупнение айылных аймаков. Дата указана по сообщению Центральной "
    "избирательной комиссии (shailoo.gov.kg, 20.02.2024); дата вступления закона в силу "
    "уточняется.",
}


# Ayil aimaks taken into Bishkek in 2024 (ru.sputnik.kg, 01.03.2024; mediaportal.kg/?p=22896);
# the eighth, Nizhnyaya Ala-Archa, is not in the reference data under that name.
ABSORBED_BY_BISHKEK: _Absorption = {
    "slugs": [
        "alamudunskiy-aa", "kok-dzharskiy-aa", "lebedinovskiy-aa", "maevskiy-aa",
        "prigorodnyy-aa", "novopavlovskiy-aa", "orokskiy-aa",
    ],
    "successor": "bishkek",
    "date": datetime.date(2024, 3, 1),
    "note_ky": "Бишкек шаарынын чек араларын өзгөртүү; дата — ru.sputnik.kg кабарынын күнү "
    "(01.03.2024), мыйзамдын күчүнө кирген күнү текшерилген эмес",
    "note_ru": "Изменение границ города Бишкек; дата — день сообщения ru.sputnik.kg "
    "(01.03.2024), дата вступления закона в силу не проверена",
}


def _absorbed(stdout) -> int:
    """Record the ayil aimaks Bishkek took in, as the statistics workbook import would."""
    spec = ABSORBED_BY_BISHKEK
    units = {u.slug: u for u in Municipality.objects.filter(
        slug__in=[*spec["slugs"], spec["successor"]]
    )}
    successor = units.get(spec["successor"])
    if successor is None:
        stdout.write("  absorption example skipped: Bishkek is not loaded")
        return 0
    retirements = [
        Retirement(unit=units[slug], successor=successor, kind=Succession.Kind.ABSORBED)
        for slug in spec["slugs"]
        if slug in units and units[slug].valid_to is None
    ]
    units_retire(
        retirements=retirements, date=spec["date"], note_ky=spec["note_ky"],
        note_ru=spec["note_ru"], actor=User.objects.filter(email="admin@demo.kg").first(),
    )
    return len(retirements)


def _body(unit: Municipality, kind: str, spec: dict[str, Any]) -> Body:
    term = spec.get("term", (None, None))
    body, _created = Body.objects.update_or_create(
        municipality=unit,
        kind=kind,
        defaults={
            "name_ky": spec["name"][0], "name_ru": spec["name"][1],
            "address_ky": spec["address"][0], "address_ru": spec["address"][1],
            "phone": spec["phone"], "email": spec["email"], "website": spec["website"],
            "office_hours_ky": spec["hours"][0], "office_hours_ru": spec["hours"][1],
            "term_start": term[0], "term_end": term[1], "seats": spec.get("seats"),
            "is_demo": True,
        },
    )
    for order, (role, name_ky, name_ru, pos_ky, pos_ru, gender) in enumerate(spec["people"]):
        Member.objects.update_or_create(
            body=body,
            full_name_ru=name_ru,
            defaults={
                "role": role, "full_name_ky": name_ky, "position_ky": pos_ky,
                "position_ru": pos_ru, "gender": gender, "order": order,
            },
        )
    return body


def _merger(stdout) -> None:
    existing = Municipality.objects.filter(slug=MERGER["slug"]).first()
    if existing is not None:  # a demo seeded before keeps the note's current wording
        Succession.objects.filter(successor=existing).update(
            note_ky=MERGER["note_ky"], note_ru=MERGER["note_ru"]
        )
        return
    predecessors = list(Municipality.objects.filter(slug__in=MERGER["predecessors"]))
    if len(predecessors) != len(MERGER["predecessors"]):
        stdout.write("  merger example skipped: its predecessors are not loaded")
        return
    successor = units_merge(
        predecessors=predecessors,
        data={
            "slug": MERGER["slug"], "name_ky": MERGER["name_ky"], "name_ru": MERGER["name_ru"],
            "kind": Municipality.Kind.AYIL_AIMAK, "parent": predecessors[0].parent,
            "population": 14700, "population_year": 2024,
            "population_source": "shailoo.gov.kg, 20.02.2024",
            "population_basis": Municipality.PopulationBasis.CEC,
        },
        date=MERGER["date"],
        actor=User.objects.filter(email="admin@demo.kg").first(),
        kind=Succession.Kind.MERGED,
        note_ky=MERGER["note_ky"],
        note_ru=MERGER["note_ru"],
    )
    Body.objects.update_or_create(
        municipality=successor,
        kind=Body.Kind.COUNCIL,
        defaults={
            "name_ky": "Сүймөнкул Чокморов айылдык кеңеши",
            "name_ru": "Айылный кенеш айылного аймака имени Суймонкула Чокморова",
            "seats": 32,
        },
    )


@transaction.atomic
def seed(*, stdout) -> None:
    units = {u.slug: u for u in Municipality.objects.filter(slug__in=[*BODIES, *DEMO_VILLAGES])}
    for slug, bodies in BODIES.items():
        unit = units.get(slug)
        if unit is None:
            stdout.write(f"  municipalities demo: {slug} not loaded, skipped")
            continue
        for kind, spec in bodies.items():
            _body(unit, kind, spec)
        if not unit.description_ky and not unit.description_ru:
            unit.description_ky = "Демонстрациялык маалымат: органдардын курамы ойдон чыгарылган."
            unit.description_ru = "Демонстрационные данные: состав органов вымышлен."
            unit.search_text = unit_search_text(unit)
            unit.save(update_fields=["description_ky", "description_ru", "search_text"])
    for slug, villages in DEMO_VILLAGES.items():
        unit = units.get(slug)
        if unit is None:
            continue
        for name_ky, name_ru in villages:
            Village.objects.update_or_create(
                municipality=unit, name_ru=name_ru,
                defaults={"name_ky": name_ky, "is_demo": True},
            )
    _merger(stdout)
    _absorbed(stdout)
    stdout.write(
        "municipalities demo: bodies of 4 units, demo villages, 1 merger, "
        f"{len(ABSORBED_BY_BISHKEK['slugs'])} ayil aimaks absorbed by Bishkek"
    )
