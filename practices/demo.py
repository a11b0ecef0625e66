"""Demo content: practices (one replicated), stories, national and local news, documents.

Idempotent: every item is found again by a natural key (its Russian title, or the document
number). Facts about laws come from the project's domain brief; the municipal cases are
illustrative demo content and say so in their contact details.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from municipalities.models import Municipality
from portal.models import User

from . import services
from .demo_files import pdf_bytes
from .demo_files import png_bytes
from .models import Document
from .models import FundingSource
from .models import NewsItem
from .models import Practice
from .models import ResultIndicator
from .models import Status
from .models import Story
from .models import Theme
from .rules import EDITORS_GROUP

EDITOR_EMAIL = "editor@demo.kg"


def _when(days_ago: int):
    return timezone.now() - dt.timedelta(days=days_ago)


def _editor():
    from portal.management.commands.seed_demo import DEMO_PASSWORD

    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    user = User.objects.filter(email=EDITOR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=EDITOR_EMAIL, password=DEMO_PASSWORD)
    user.display_name = "Редактор Жылдыз"
    user.save(update_fields=["display_name"])
    user.groups.add(group)
    EmailAddress.objects.update_or_create(
        user=user, email=EDITOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


def _publish(item, *, editor, days_ago: int, status=Status.PUBLISHED) -> None:
    services.prepare_content(item)
    item.status = status
    item.author = item.author or editor
    if status == Status.PUBLISHED:
        item.published_at = item.published_at or _when(days_ago)
        item.reviewed_by = editor
    elif status == Status.SUBMITTED:
        item.submitted_at = item.submitted_at or _when(days_ago)
    item.full_clean()
    item.save()


def _photo(owner, *, name: str, colour, seed: int, caption_ky: str, caption_ru: str, editor):
    if owner.photos.exists():
        return
    upload = ContentFile(png_bytes(480, 300, colour, seed), name=f"{name}.png")
    services.photo_add(
        owner=owner, upload=upload, actor=editor, caption_ky=caption_ky, caption_ru=caption_ru
    )


PRACTICES: list[dict[str, Any]] = [
    {
        "slug": "tepkenskiy-aa",
        "theme": Theme.WATER,
        "title_ky": "Ичүүчү суу колдонуучулардын коомдук бирикмеси",
        "title_ru": "Объединение потребителей питьевой воды",
        "summary_ky": "Айыл өкмөтү жана тургундар суу түтүгүн чогуу тейлөө үчүн бирикме түзүп, "
        "тарифти жыйында бекитишти.",
        "summary_ru": "Айыл окмоту и жители создали объединение, которое само обслуживает "
        "водопровод; тариф утвердили на сходе.",
        "problem_ky": "Суу түтүгү эскирип, суу күнүнө 3–4 саат гана берилчү. Акы төлөнбөй, "
        "оңдоого каражат жок болчу.",
        "problem_ru": "Водопровод износился, вода подавалась 3–4 часа в сутки. Плату почти не "
        "собирали, на ремонт не было средств.",
        "solution_ky": "Тургундар <strong>коомдук бирикме</strong> түзүп, башкармасын шайлашты. "
        "Айыл өкмөтү суу түтүгүн бирикмеге тейлөөгө өткөрүп берди.",
        "solution_ru": "Жители создали <strong>общественное объединение</strong> и избрали "
        "правление. Айыл окмоту передал ему водопровод в обслуживание по договору.",
        "steps_ky": "Айыл жыйынында көйгөйдү талкуулоо\nДемилгелүү топту түзүү\n"
        "Бирикмени каттоо жана башкарманы шайлоо\nТарифти жыйында бекитүү\n"
        "Эсептегичтерди орнотуу жана түтүктү оңдоо",
        "steps_ru": "Обсуждение проблемы на сходе\nСоздание инициативной группы\n"
        "Регистрация объединения и выборы правления\nУтверждение тарифа на сходе\n"
        "Установка счётчиков и ремонт сети",
        "resources_ky": "Айыл өкмөтүнүн бюджети, донордук долбоордун гранты жана тургундардын "
        "салымы (эмгек менен).",
        "resources_ru": "Местный бюджет, грант донорского проекта и вклад жителей (в том числе "
        "трудом).",
        "results_ky": "Суу күнү-түнү берилет, акы төлөө 90 пайызга жетти.",
        "results_ru": "Вода подаётся круглосуточно, собираемость платы достигла 90 процентов.",
        "started_on": dt.date(2022, 4, 1),
        "duration_months": 18,
        "contact_name": "Демо: Асан Токтосунов",
        "contact_position_ky": "бирикменин төрагасы",
        "contact_position_ru": "председатель объединения",
        "contact_phone": "+996 000 000 001",
        "funding": [
            (FundingSource.Kind.LOCAL_BUDGET, "", "", Decimal("450000")),
            (FundingSource.Kind.DONOR, "Донордук долбоор", "Донорский проект", Decimal("1200000")),
            (FundingSource.Kind.COMMUNITY, "Тургундардын салымы", "Вклад жителей",
             Decimal("180000")),
        ],
        "indicators": [
            ("Суу берилген саат, суткасына", "Часы подачи воды в сутки", "саат", "ч",
             Decimal("4"), Decimal("24")),
            ("Акы төлөө деңгээли", "Собираемость платы", "%", "%", Decimal("35"), Decimal("90")),
            ("Туташкан үй-бүлөлөр", "Подключённые домохозяйства", "", "", Decimal("410"),
             Decimal("655")),
        ],
        "colour": (20, 110, 170),
        "days_ago": 240,
    },
    {
        "slug": "karakol",
        "theme": Theme.WASTE,
        "title_ky": "Муниципалдык ишкана аркылуу таштанды чогултуу графиги",
        "title_ru": "Вывоз мусора муниципальным предприятием по графику",
        "summary_ky": "Мэрия муниципалдык ишкананын каттамдарын кайра түзүп, ар бир көчө үчүн "
        "ачык график жарыялады.",
        "summary_ru": "Мэрия перестроила маршруты муниципального предприятия и опубликовала "
        "открытый график для каждой улицы.",
        "problem_ky": "Таштанды туруктуу эмес чыгарылып, стихиялуу таштанды жайлар пайда болгон.",
        "problem_ru": "Мусор вывозили нерегулярно, появлялись стихийные свалки.",
        "solution_ky": "Муниципалдык ишкана каттамдарды кайра түзүп, контейнер аянтчаларын "
        "жабдыды; график мэриянын сайтында жана көчөлөрдө илинди.",
        "solution_ru": "Муниципальное предприятие перестроило маршруты и оборудовало "
        "контейнерные площадки; график размещён на сайте мэрии и на улицах.",
        "steps_ky": "Таштанды агымын эсептөө\nКаттамдарды кайра түзүү\n"
        "Контейнер аянтчаларын жабдуу\nГрафикти жарыялоо\nТургундардын даттанууларын кабыл алуу",
        "steps_ru": "Подсчёт объёмов отходов\nПерестройка маршрутов\n"
        "Оборудование контейнерных площадок\nПубликация графика\nПриём жалоб жителей",
        "resources_ky": "Шаардык бюджет жана ишкананын кирешеси.",
        "resources_ru": "Городской бюджет и доходы предприятия.",
        "results_ky": "Стихиялуу таштанды жайлар азайды, даттануулар эки эсе кыскарды.",
        "results_ru": "Стихийных свалок стало меньше, жалоб — вдвое меньше.",
        "started_on": dt.date(2023, 3, 1),
        "duration_months": 12,
        "contact_name": "Демо: Бурул Асанова",
        "contact_position_ky": "муниципалдык ишкананын директору",
        "contact_position_ru": "директор муниципального предприятия",
        "funding": [
            (FundingSource.Kind.LOCAL_BUDGET, "Шаардык бюджет", "Городской бюджет",
             Decimal("2600000")),
            (FundingSource.Kind.OTHER, "Ишкананын кирешеси", "Доходы предприятия",
             Decimal("900000")),
        ],
        "indicators": [
            ("Стихиялуу таштанды жайлар", "Стихийные свалки", "", "", Decimal("27"),
             Decimal("6")),
            ("Айына даттануулар", "Жалоб в месяц", "", "", Decimal("48"), Decimal("21")),
        ],
        "colour": (60, 130, 60),
        "days_ago": 180,
    },
    {
        "slug": "kochkorskiy-aa",
        "theme": Theme.BUDGET,
        "title_ky": "Катышуучу бюджет: тургундар долбоорлорду тандайт",
        "title_ru": "Партисипативный бюджет: жители выбирают проекты",
        "summary_ky": "Жергиликтүү бюджеттин бир бөлүгүн тургундар коомдук бюджеттик угууда "
        "добуш берип бөлүштүрүшөт.",
        "summary_ru": "Часть местного бюджета жители распределяют голосованием на "
        "общественных бюджетных слушаниях.",
        "problem_ky": "Тургундар бюджет кантип түзүлөрүн билишчү эмес, угууларга аз келишчү.",
        "problem_ru": "Жители не знали, как формируется бюджет, и мало приходили на слушания.",
        "solution_ky": "Айылдык кеңеш токтом менен катышуучу бюджеттин тартибин бекитти; "
        "демилгелүү топтор долбоорлорду сунуштап, угууда добуш беришет.",
        "solution_ru": "Айылный кенеш постановлением утвердил порядок партисипативного "
        "бюджета; инициативные группы предлагают проекты, жители голосуют на слушаниях.",
        "steps_ky": "Айылдык кеңештин токтомун кабыл алуу\nСунуштарды чогултуу\n"
        "Долбоорлорду баалоо\nКоомдук бюджеттик угуу жана добуш берүү\n"
        "Аткарылышын биргелешкен мониторинг",
        "steps_ru": "Постановление айылного кенеша\nСбор предложений\nОценка проектов\n"
        "Общественные бюджетные слушания и голосование\nСовместный мониторинг исполнения",
        "resources_ky": "Жергиликтүү бюджеттен бөлүнгөн сумма.",
        "resources_ru": "Сумма, выделенная из местного бюджета.",
        "results_ky": "Угууларга катышуучулар үч эсе көбөйдү, алардын жарымына жакыны аялдар.",
        "results_ru": "Участников слушаний стало втрое больше, почти половина — женщины.",
        "started_on": dt.date(2023, 9, 1),
        "duration_months": 10,
        "contact_name": "Демо: Нургүл Жумабаева",
        "contact_position_ky": "айылдык кеңештин төрагасы",
        "contact_position_ru": "председатель айылного кенеша",
        "funding": [(FundingSource.Kind.LOCAL_BUDGET, "", "", Decimal("1000000"))],
        "indicators": [
            ("Угуунун катышуучулары", "Участники слушаний", "", "", Decimal("60"),
             Decimal("185")),
            ("Аялдардын үлүшү", "Доля женщин", "%", "%", Decimal("30"), Decimal("47")),
        ],
        "colour": (150, 90, 30),
        "days_ago": 120,
    },
]

REPLICATION = {
    "slug": "ak-bulunskiy-aa",
    "theme": Theme.WATER,
    "title_ky": "Тепкенин тажрыйбасы боюнча суу колдонуучулардын бирикмеси",
    "title_ru": "Объединение потребителей воды по опыту Тепке",
    "summary_ky": "Кошуна айыл аймагы Тепкенин тажрыйбасын кайталап, бирикмени бир жылда түздү.",
    "summary_ru": "Соседний айылный аймак повторил опыт Тепке и создал объединение за год.",
    "problem_ky": "Суу түтүгүн тейлөөгө жооптуу жок болчу.",
    "problem_ru": "За обслуживание водопровода никто не отвечал.",
    "solution_ky": "Тепкенин бирикмесинин уставын жана тариф эсептөөсүн үлгү катары алышты.",
    "solution_ru": "Взяли за образец устав и расчёт тарифа объединения в Тепке.",
    "steps_ky": "Тепкеге тажрыйба алмашуу сапары\nАйыл жыйыны\nБирикмени каттоо\nТарифти бекитүү",
    "steps_ru": "Обмен опытом в Тепке\nСход жителей\nРегистрация объединения\n"
    "Утверждение тарифа",
    "resources_ky": "Жергиликтүү бюджет жана тургундардын салымы.",
    "resources_ru": "Местный бюджет и вклад жителей.",
    "results_ky": "Акы төлөө 80 пайызга жетти.",
    "results_ru": "Собираемость платы достигла 80 процентов.",
    "started_on": dt.date(2024, 2, 1),
    "duration_months": 12,
    "contact_name": "Демо: Улан Сыдыков",
    "contact_position_ky": "айыл өкмөтүнүн башчысынын орун басары",
    "contact_position_ru": "заместитель главы айыл окмоту",
    "funding": [
        (FundingSource.Kind.LOCAL_BUDGET, "", "", Decimal("300000")),
        (FundingSource.Kind.COMMUNITY, "", "", Decimal("120000")),
    ],
    "indicators": [
        ("Акы төлөө деңгээли", "Собираемость платы", "%", "%", Decimal("20"), Decimal("80")),
    ],
    "colour": (30, 120, 190),
    "days_ago": 60,
}

SUBMITTED = {
    "slug": "talas",
    "theme": Theme.TRANSPARENCY,
    "title_ky": "Жарандык бюджет: бюджет бир баракта",
    "title_ru": "Гражданский бюджет: бюджет на одной странице",
    "summary_ky": "Мэрия бюджеттин долбоорун жөнөкөй тилде бир баракта жарыялайт.",
    "summary_ru": "Мэрия публикует проект бюджета простым языком на одной странице.",
    "problem_ky": "Бюджеттик документтер тургундарга түшүнүксүз.",
    "problem_ru": "Бюджетные документы непонятны жителям.",
    "solution_ky": "Жарандык бюджет угуудан мурда таратылат.",
    "solution_ru": "Гражданский бюджет раздают перед слушаниями.",
    "steps_ky": "Макетти даярдоо\nБасып чыгаруу\nУгууда талкуулоо",
    "steps_ru": "Подготовка макета\nПечать\nОбсуждение на слушаниях",
    "results_ky": "Угууда суроолор көбөйдү.",
    "results_ru": "На слушаниях стало больше вопросов.",
    "started_on": dt.date(2025, 1, 15),
    "duration_months": 4,
    "contact_name": "Демо: Айбек Осмонов",
    "contact_position_ky": "мэриянын финансы бөлүмүнүн адиси",
    "contact_position_ru": "специалист финансового отдела мэрии",
    "funding": [],
    "indicators": [],
    "colour": (120, 60, 140),
    "days_ago": 3,
}


def _practice(data: dict, *, unit, editor, original=None, status=Status.PUBLISHED):
    fields = {
        key: value
        for key, value in data.items()
        if key not in {"slug", "funding", "indicators", "colour", "days_ago", "title_ru"}
    }
    practice, _created = Practice.objects.update_or_create(
        municipality=unit, title_ru=data["title_ru"], defaults={**fields, "original": original}
    )
    _publish(practice, editor=editor, days_ago=data["days_ago"], status=status)
    practice.funding_sources.all().delete()
    for kind, name_ky, name_ru, amount in data["funding"]:
        FundingSource.objects.create(
            practice=practice, kind=kind, name_ky=name_ky, name_ru=name_ru, amount=amount
        )
    practice.indicators.all().delete()
    for label_ky, label_ru, unit_ky, unit_ru, before, after in data["indicators"]:
        ResultIndicator.objects.create(
            practice=practice, label_ky=label_ky, label_ru=label_ru, unit_ky=unit_ky,
            unit_ru=unit_ru, before=before, after=after,
        )
    _photo(
        practice, name="photo", colour=data["colour"], seed=len(data["title_ru"]) % 7,
        caption_ky=data["title_ky"], caption_ru=data["title_ru"], editor=editor,
    )
    if not practice.attachments.exists() and status == Status.PUBLISHED:
        services.attachment_add(
            practice=practice,
            upload=ContentFile(
                # Helvetica in a hand-made PDF has no Cyrillic: no words, only a neutral mark.
                pdf_bytes("DEMO"),
                name="summary.pdf",
            ),
            actor=editor,
            title_ky="Тажрыйбанын кыскача баяндамасы",
            title_ru="Краткое описание практики",
        )
    return practice


def _news(*, unit, kind, title_ky, title_ru, summary_ky, summary_ru, body_ky, body_ru,
          days_ago, editor, theme=""):
    item, _created = NewsItem.objects.update_or_create(
        title_ru=title_ru,
        defaults={
            "municipality": unit, "kind": kind, "theme": theme, "title_ky": title_ky,
            "summary_ky": summary_ky, "summary_ru": summary_ru, "body_ky": body_ky,
            "body_ru": body_ru,
        },
    )
    _publish(item, editor=editor, days_ago=days_ago)
    return item


DOCUMENTS: list[dict[str, Any]] = [
    {
        "number": "123",
        "doc_type": Document.Type.LAW,
        "adopted_on": dt.date(2021, 10, 20),
        "title_ky": "Кыргыз Республикасынын «Жергиликтүү мамлекеттик администрация жана "
        "жергиликтүү өз алдынча башкаруу органдары жөнүндө» Мыйзамы",
        "title_ru": "Закон Кыргызской Республики «О местной государственной администрации и "
        "органах местного самоуправления»",
        "issuer_ky": "Кыргыз Республикасынын Жогорку Кеңеши",
        "issuer_ru": "Жогорку Кенеш Кыргызской Республики",
        "description_ky": "Мыйзам 2011-жылдын 15-июлундагы № 101 «Жергиликтүү өз алдынча "
        "башкаруу жөнүндө» Мыйзамынын ордуна кабыл алынган. 2022, 2024 жана 2025-жылдары "
        "өзгөртүүлөр киргизилген.",
        "description_ru": "Заменил Закон № 101 от 15 июля 2011 года «О местном "
        "самоуправлении», утративший силу 21.10.2021. Изменения внесены в 2022, 2024 и "
        "2025 годах.",
        "theme": Theme.TRANSPARENCY,
    },
    {
        "number": "59",
        "doc_type": Document.Type.LAW,
        "adopted_on": dt.date(2016, 5, 16),
        "title_ky": "Кыргыз Республикасынын Бюджеттик кодекси",
        "title_ru": "Бюджетный кодекс Кыргызской Республики",
        "issuer_ky": "Кыргыз Республикасынын Жогорку Кеңеши",
        "issuer_ru": "Жогорку Кенеш Кыргызской Республики",
        "description_ky": "2017-жылдын 1-январынан тартып колдонулат.",
        "description_ru": "Применяется с 1 января 2017 года; заменил Закон № 215 «О "
        "финансово-экономических основах местного самоуправления».",
        "theme": Theme.BUDGET,
    },
    {
        "number": "67",
        "doc_type": Document.Type.LAW,
        "adopted_on": dt.date(2007, 5, 4),
        "title_ky": "Жарандардын кайрылууларын кароо тартиби жөнүндө Мыйзам",
        "title_ru": "Закон о порядке рассмотрения обращений граждан",
        "issuer_ky": "Кыргыз Республикасынын Жогорку Кеңеши",
        "issuer_ru": "Жогорку Кенеш Кыргызской Республики",
        "description_ky": "Сунуш, арыз жана даттануу; жооп берүү мөөнөтү 14 күн.",
        "description_ru": "Предложение, заявление и жалоба; срок ответа — 14 дней.",
        "theme": Theme.TRANSPARENCY,
    },
    {
        "number": "01-18/84",
        "doc_type": Document.Type.METHODOLOGY,
        "adopted_on": dt.date(2019, 9, 5),
        "title_ky": "ЖӨБ органдарынын ишмердүүлүгүн биргелешкен мониторинг жана баалоо "
        "боюнча типтүү жобо",
        "title_ru": "Типовое положение о проведении совместного мониторинга и оценки "
        "деятельности органов МСУ",
        "issuer_ky": "ГАМСУМО",
        "issuer_ru": "ГАМСУМО",
        "description_ky": "Жарандардын катышуусу менен биргелешкен мониторинг жана баалоо.",
        "description_ru": "Совместный мониторинг и оценка с вовлечением граждан и их "
        "объединений.",
        "theme": Theme.TRANSPARENCY,
    },
    {
        "number": "01-24/19",
        "doc_type": Document.Type.TEMPLATE,
        "adopted_on": dt.date(2014, 3, 4),
        "title_ky": "Жергиликтүү жамааттын типтүү уставы",
        "title_ru": "Типовой устав местного сообщества",
        "issuer_ky": "ГАМСУМО",
        "issuer_ru": "ГАМСУМО",
        "description_ky": "Айылдык кеңеш жыйындарда талкуулагандан кийин бекитет.",
        "description_ru": "Кенеш утверждает устав после обсуждения на сходах или курултаях.",
        "theme": Theme.TRANSPARENCY,
    },
]


def seed(*, stdout) -> None:
    slugs = ["tepkenskiy-aa", "karakol", "kochkorskiy-aa", "ak-bulunskiy-aa", "talas", "bishkek",
             "osh", "naryn"]
    units = {unit.slug: unit for unit in Municipality.objects.filter(slug__in=slugs)}
    if len(units) < 4:
        stdout.write("practices: demo municipalities missing, skipped")
        return
    editor = _editor()
    made = {}
    for data in PRACTICES:
        if data["slug"] in units:
            made[data["slug"]] = _practice(data, unit=units[data["slug"]], editor=editor)
    if "ak-bulunskiy-aa" in units and "tepkenskiy-aa" in made:
        _practice(
            REPLICATION, unit=units["ak-bulunskiy-aa"], editor=editor,
            original=made["tepkenskiy-aa"],
        )
    if "talas" in units:
        _practice(SUBMITTED, unit=units["talas"], editor=editor, status=Status.SUBMITTED)

    stories = [
        ("tepkenskiy-aa", Theme.WATER, made.get("tepkenskiy-aa"),
         "Суу ар бир үйгө жетти", "Вода пришла в каждый дом",
         "Апам мурда суу ташыганга күнүнө эки саат коротчу.",
         "Раньше мама тратила по два часа в день, чтобы носить воду.",
         "<p>Бирикме түзүлгөндөн кийин суу күнү-түнү берилет. Тургундар тарифти өздөрү "
         "бекитишкендиктен, акы төлөөнү маанилүү деп эсептешет.</p>",
         "<p>С тех пор как появилось объединение, вода идёт круглосуточно. Тариф жители "
         "утвердили сами, поэтому и платят исправно.</p>",
         "Айгүл, мугалим", "Айгуль, учительница", (40, 140, 200)),
        ("kochkorskiy-aa", Theme.BUDGET, made.get("kochkorskiy-aa"),
         "Жаштар бюджетке үн кошту", "Молодёжь проголосовала за бюджет",
         "Биринчи жолу жаштар угууга келип, спорт аянтчасын тандашты.",
         "Впервые молодёжь пришла на слушания и выбрала спортивную площадку.",
         "<p>Демилгелүү топ үч долбоор сунуштады. Угууда эң көп добушту спорт аянтчасы алды, "
         "ал күзгө чейин курулду.</p>",
         "<p>Инициативная группа предложила три проекта. Больше всего голосов на слушаниях "
         "набрала спортивная площадка — её построили к осени.</p>",
         "Эрлан, демилгелүү топтун мүчөсү", "Эрлан, член инициативной группы",
         (170, 100, 40)),
        ("karakol", Theme.WASTE, made.get("karakol"),
         "Көчөбүз тазарды", "Наша улица стала чистой",
         "График жарыялангандан кийин кошуналар таштандыны өз убагында чыгарышат.",
         "После публикации графика соседи выносят мусор вовремя.",
         "<p>Мурда көчөнүн аягында таштанды үйүлүп турчу. Азыр машина жумасына эки жолу "
         "келет.</p>",
         "<p>Раньше в конце улицы росла свалка. Теперь машина приходит дважды в неделю.</p>",
         "", "", (70, 150, 70)),
    ]
    for slug, theme, practice, t_ky, t_ru, l_ky, l_ru, b_ky, b_ru, by_ky, by_ru, colour in (
        stories
    ):
        if slug not in units:
            continue
        story, _created = Story.objects.update_or_create(
            municipality=units[slug], title_ru=t_ru,
            defaults={
                "theme": theme, "practice": practice, "title_ky": t_ky, "lead_ky": l_ky,
                "lead_ru": l_ru, "body_ky": b_ky, "body_ru": b_ru, "told_by_ky": by_ky,
                "told_by_ru": by_ru,
            },
        )
        _publish(story, editor=editor, days_ago=30 + len(t_ru))
        _photo(story, name="story", colour=colour, seed=len(t_ky) % 5, caption_ky=t_ky,
               caption_ru=t_ru, editor=editor)

    _news(
        unit=None, kind=NewsItem.Kind.NEWS, theme=Theme.TRANSPARENCY, days_ago=20, editor=editor,
        title_ky="Жергиликтүү кеңештерге шайлоонун жыйынтыгы",
        title_ru="Итоги выборов в местные кенеши",
        summary_ky="2024-жылдын 17-ноябрындагы шайлоодо 6 384 депутат шайланды.",
        summary_ru="На выборах 17 ноября 2024 года избраны 6 384 депутата.",
        body_ky="<p>264 кеңештин (33 шаардык жана 231 айылдык) биринчи сессиялары 2024-жылдын "
        "26–30-ноябрында өттү. 15 аял төрага болуп шайланды.</p>",
        body_ru="<p>Первые сессии 264 кенешей (33 городских и 231 айылного) прошли 26–30 "
        "ноября 2024 года. Председателями избраны 15 женщин.</p>",
    )
    _news(
        unit=None, kind=NewsItem.Kind.NEWS, days_ago=45, editor=editor,
        title_ky="Администрациялык-аймактык реформанын биринчи этабы аяктады",
        title_ru="Завершён первый этап административно-территориальной реформы",
        summary_ky="2025-жылдын мартында реформанын биринчи этабы аяктады деп жарыяланды.",
        summary_ru="В марте 2025 года первый этап реформы объявлен завершённым.",
        body_ky="<p>Экономика министринин маалыматы боюнча, 2024-жылы 231 айыл аймагы жана "
        "33 шаар түзүлдү.</p>",
        body_ru="<p>По данным министра экономики, в 2024 году образованы 231 айылный аймак и "
        "33 города.</p>",
    )
    if "karakol" in units:
        _news(
            unit=units["karakol"], kind=NewsItem.Kind.ANNOUNCEMENT, theme=Theme.BUDGET,
            days_ago=5, editor=editor,
            title_ky="Каракол: бюджеттин долбоору боюнча коомдук угуу",
            title_ru="Каракол: общественные слушания по проекту бюджета",
            summary_ky="Мэрия тургундарды кийинки жылдын бюджетинин долбоорун талкуулоого "
            "чакырат.",
            summary_ru="Мэрия приглашает жителей обсудить проект бюджета на следующий год.",
            body_ky="<p>Угуу мэриянын чоң залында өтөт. Жарандык бюджет алдын ала таратылат.</p>",
            body_ru="<p>Слушания пройдут в большом зале мэрии. Гражданский бюджет раздадут "
            "заранее.</p>",
        )
    if "tepkenskiy-aa" in units:
        _news(
            unit=units["tepkenskiy-aa"], kind=NewsItem.Kind.NEWS, theme=Theme.WATER,
            days_ago=12, editor=editor,
            title_ky="Тепке: суу бирикмесинин жылдык отчету",
            title_ru="Тепке: годовой отчёт объединения потребителей воды",
            summary_ky="Бирикме айыл жыйынында жылдык отчетун берди.",
            summary_ru="Объединение отчиталось перед жителями на сходе.",
            body_ky="<p>Отчет айыл өкмөтүнүн имаратында илинди.</p>",
            body_ru="<p>Отчёт вывешен в здании айыл окмоту.</p>",
        )

    for data in DOCUMENTS:
        document = Document.objects.filter(number=data["number"], municipality=None).first()
        if document is None:
            document = Document(number=data["number"])
            services.document_attach_file(
                document=document,
                upload=ContentFile(
                    pdf_bytes(
                        f"No. {data['number']}, {data['adopted_on']:%d.%m.%Y}",
                        ("DEMO", "cbd.minjust.gov.kg"),
                    ),
                    name=f"document-{data['number'].replace('/', '-')}.pdf",
                ),
            )
        for key, value in data.items():
            setattr(document, key, value)
        _publish(document, editor=editor, days_ago=90)

    if "kochkorskiy-aa" in units:
        document = Document.objects.filter(
            municipality=units["kochkorskiy-aa"], number="12/3"
        ).first() or Document(municipality=units["kochkorskiy-aa"], number="12/3")
        if not document.file:
            services.document_attach_file(
                document=document,
                upload=ContentFile(pdf_bytes("No. 12/3, 25.08.2023", ("DEMO",)),
                                   name="procedure.pdf"),
            )
        document.doc_type = Document.Type.LOCAL_ACT
        document.adopted_on = dt.date(2023, 8, 25)
        document.theme = Theme.BUDGET
        document.title_ky = "Демо: катышуучу бюджеттин тартиби жөнүндө токтом"
        document.title_ru = "Демо: постановление о порядке партисипативного бюджета"
        document.issuer_ky = "Кочкор айылдык кеңеши"
        document.issuer_ru = "Кочкорский айылный кенеш"
        _publish(document, editor=editor, days_ago=100)

    stdout.write(
        f"practices: {Practice.objects.count()} practices, {Story.objects.count()} stories, "
        f"{NewsItem.objects.count()} news, {Document.objects.count()} documents; "
        f"editor account {EDITOR_EMAIL}"
    )
