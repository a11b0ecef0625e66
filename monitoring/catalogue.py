# ruff: noqa: E501 - catalogue texts read better unbroken
"""The starter indicator catalogue. Administrators extend and correct it in the admin.

``catalogue_load()`` is idempotent (keyed by code) and is called by the demo and by
``manage.py monitoring_catalogue``. It never overwrites texts an administrator has changed
unless ``overwrite=True``.
"""

from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.db import transaction

from .models import Indicator
from .models import ServiceArea

S, P, Y, C = (Indicator.Scale.SCORE, Indicator.Scale.PERCENT, Indicator.Scale.YES_NO,
              Indicator.Scale.COUNT)
HI, LO = Indicator.Direction.HIGHER, Indicator.Direction.LOWER
SURVEY, VISIT, DOCS, FOCUS = (Indicator.Method.SURVEY, Indicator.Method.SITE_VISIT,
                              Indicator.Method.DOCUMENTS, Indicator.Method.FOCUS_GROUP)

AREAS = [
    # code, ky, ru
    ("drinking-water", "Ичүүчү суу", "Питьевая вода"),
    ("waste", "Таштанды чогултуу жана чыгаруу", "Сбор и вывоз мусора"),
    ("roads", "Жолдор", "Дороги"),
    ("street-lighting", "Көчө жарыгы", "Уличное освещение"),
    ("education", "Балдар бакчалары жана мектептер", "Детские сады и школы"),
    ("health", "Медициналык пункттар", "Медицинские пункты"),
    ("culture-sport", "Маданият жана спорт", "Культура и спорт"),
    ("social", "Социалдык кызматтар", "Социальные услуги"),
    ("openness", "ЖӨБ органынын ачыктыгы", "Открытость органа МСУ"),
]

SATISFACTION_KY = "Сурамжылоого катышкан тургундардын орточо баасы: 1 — таптакыр канааттанбайт, 5 — толук канааттанат."
SATISFACTION_RU = "Средняя оценка опрошенных жителей: 1 — совсем не удовлетворены, 5 — полностью удовлетворены."

# area, code, scale, direction, method, reference max, name ky, name ru, definition ky, ru
INDICATORS = [
    ("drinking-water", "water-satisfaction", S, HI, SURVEY, None,
     "Тургундардын ичүүчү суунун сапатына канааттануусу",
     "Удовлетворённость жителей качеством питьевой воды", SATISFACTION_KY, SATISFACTION_RU),
    ("drinking-water", "water-coverage", P, HI, DOCS, None,
     "Борбордоштурулган суу түтүгүнө туташкан үй чарбаларынын үлүшү",
     "Доля домохозяйств, подключённых к централизованному водопроводу",
     "Туташкан үй чарбаларынын саны бардык үй чарбаларына бөлүнүп, 100гө көбөйтүлөт (айыл өкмөтүнүн жана суу колдонуучулар бирикмесинин маалыматы).",
     "Число подключённых домохозяйств, делённое на число всех домохозяйств, умноженное на 100 (данные айыл окмоту и ассоциации водопользователей)."),
    ("drinking-water", "water-outage-days", C, LO, DOCS, Decimal(30),
     "Айына суу берилбеген күндөрдүн саны",
     "Число дней без подачи воды в месяц",
     "Мониторинг мезгилиндеги бир айдагы суу үзгүлтүккө учураган күндөрдүн орточо саны; 30 күн — эң начар абал.",
     "Среднее число дней в месяц с перебоями подачи воды за период мониторинга; 30 дней — худшее состояние."),
    ("waste", "waste-on-schedule", P, HI, VISIT, None,
     "График боюнча чыгарылган таштандынын үлүшү",
     "Доля вывозов мусора, выполненных по графику",
     "Текшерилген чыгаруулардын ичинен графикке ылайык өткөрүлгөндөрүнүн пайызы.",
     "Процент вывозов, выполненных по утверждённому графику, из всех проверенных."),
    ("waste", "waste-illegal-dumps", C, LO, VISIT, Decimal(10),
     "Уруксатсыз таштанды төгүлгөн жерлердин саны",
     "Число стихийных свалок",
     "Айыл аймагынын аймагында көзөмөлдө табылган уруксатсыз таштанды төгүлгөн жерлер; 10 жана андан көп — эң начар абал.",
     "Стихийные свалки, найденные при обходе территории айылного аймака; 10 и более — худшее состояние."),
    ("roads", "roads-condition", S, HI, VISIT, None,
     "Айыл ичиндеги жолдордун абалы",
     "Состояние внутрипоселковых дорог",
     "Мониторинг тобунун жолдорду кыдырып чыккандан кийинки баасы: 1 — жүрүүгө мүмкүн эмес, 5 — жакшы абалда.",
     "Оценка группы мониторинга после объезда дорог: 1 — непроезжие, 5 — в хорошем состоянии."),
    ("roads", "roads-repair-done", P, HI, DOCS, None,
     "Пландалган жол оңдоо иштеринин аткарылышы",
     "Выполнение запланированного ремонта дорог",
     "Бюджетте каралган жол оңдоо иштеринин ичинен аткарылгандарынын пайызы.",
     "Процент выполненных работ по ремонту дорог из предусмотренных бюджетом."),
    ("street-lighting", "lighting-working", P, HI, VISIT, None,
     "Иштеп жаткан көчө чырактарынын үлүшү",
     "Доля работающих уличных фонарей",
     "Кечинде текшерилген чырактардын ичинен күйүп тургандарынын пайызы.",
     "Процент горящих фонарей из проверенных в тёмное время суток."),
    ("street-lighting", "lighting-satisfaction", S, HI, SURVEY, None,
     "Тургундардын көчө жарыгына канааттануусу",
     "Удовлетворённость жителей уличным освещением", SATISFACTION_KY, SATISFACTION_RU),
    ("education", "kindergarten-coverage", P, HI, DOCS, None,
     "Бала бакчага барган 3–6 жаштагы балдардын үлүшү",
     "Охват детей 3–6 лет детскими садами",
     "Бала бакчага катталган 3–6 жаштагы балдардын ушул курактагы бардык балдарга карата пайызы.",
     "Процент детей 3–6 лет, посещающих детский сад, от всех детей этого возраста."),
    ("education", "school-heating", Y, HI, VISIT, None,
     "Мектептер кышында жетиштүү жылытылат",
     "Школы достаточно отапливаются зимой",
     "Кышкы текшерүүдө класстардагы температура ченемге ылайык болсо — «ооба».",
     "«Да», если при зимней проверке температура в классах соответствует норме."),
    ("health", "health-post-staffed", Y, HI, VISIT, None,
     "ФАПта медициналык кызматкер туруктуу иштейт",
     "В ФАПе постоянно работает медицинский работник",
     "Иш убактысында фельдшердик-акушердик пунктта медициналык кызматкер болсо — «ооба».",
     "«Да», если в рабочее время в фельдшерско-акушерском пункте находится медработник."),
    ("health", "health-satisfaction", S, HI, SURVEY, None,
     "Тургундардын медициналык пункттун кызматына канааттануусу",
     "Удовлетворённость жителей работой медицинского пункта", SATISFACTION_KY, SATISFACTION_RU),
    ("culture-sport", "culture-events", C, HI, DOCS, Decimal(12),
     "Жылына өткөрүлгөн маданий жана спорттук иш-чаралардын саны",
     "Число культурных и спортивных мероприятий за год",
     "ЖӨБ органы уюштурган же колдогон иш-чаралар; 12 жана андан көп — толук баа.",
     "Мероприятия, организованные или поддержанные органом МСУ; 12 и более — полная оценка."),
    ("culture-sport", "sport-ground", Y, HI, VISIT, None,
     "Баарына жеткиликтүү спорт аянтчасы бар",
     "Есть спортивная площадка, доступная для всех",
     "Аянтча бар, колдонууга жарактуу жана акысыз ачык болсо — «ооба».",
     "«Да», если площадка есть, пригодна к использованию и открыта бесплатно."),
    ("social", "social-requests-on-time", P, HI, DOCS, None,
     "Мөөнөтүндө каралган социалдык жардам арыздарынын үлүшү",
     "Доля заявлений о социальной помощи, рассмотренных в срок",
     "Мыйзамда белгиленген мөөнөттө каралган арыздардын пайызы.",
     "Процент заявлений, рассмотренных в установленный законом срок."),
    ("social", "social-vulnerable-view", S, HI, FOCUS, None,
     "Аялуу топтордун социалдык кызматтарга баасы",
     "Оценка социальных услуг уязвимыми группами",
     "Аялуу топтордун өкүлдөрү менен фокус-топтун орточо баасы: 1 — өтө начар, 5 — өтө жакшы.",
     "Средняя оценка фокус-группы с представителями уязвимых групп: 1 — очень плохо, 5 — очень хорошо."),
    ("openness", "budget-published", Y, HI, DOCS, None,
     "Бюджет жана анын аткарылышы жөнүндө отчет жарыяланган",
     "Бюджет и отчёт о его исполнении опубликованы",
     "Бюджет жана акыркы отчет тургундарга жеткиликтүү жерде (такта, сайт) жарыяланган болсо — «ооба».",
     "«Да», если бюджет и последний отчёт опубликованы там, где их видят жители (доска объявлений, сайт)."),
    ("openness", "public-hearings", C, HI, DOCS, Decimal(4),
     "Жылына өткөрүлгөн коомдук угуулардын саны",
     "Число общественных слушаний за год",
     "Протоколу бар коомдук жана бюджеттик угуулар; 4 жана андан көп — толук баа.",
     "Общественные и бюджетные слушания с протоколом; 4 и более — полная оценка."),
    ("openness", "appeals-answered", P, HI, DOCS, None,
     "Мөөнөтүндө жооп берилген жарандардын кайрылууларынын үлүшү",
     "Доля обращений граждан, получивших ответ в срок",
     "Каттоо журналы боюнча мөөнөтүндө жооп берилген кайрылуулардын пайызы.",
     "Процент обращений, на которые по журналу регистрации ответили в срок."),
]


@dataclass
class CatalogueReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@transaction.atomic
def catalogue_load(*, overwrite: bool = False) -> CatalogueReport:
    report = CatalogueReport()
    areas = {}
    for order, (code, name_ky, name_ru) in enumerate(AREAS, start=1):
        area, created = ServiceArea.objects.get_or_create(
            code=code, defaults={"name_ky": name_ky, "name_ru": name_ru, "order": order}
        )
        if not created and overwrite:
            area.name_ky, area.name_ru, area.order = name_ky, name_ru, order
            area.save()
        areas[code] = area
    for order, row in enumerate(INDICATORS, start=1):
        area_code, code, scale, direction, method, ref_max, n_ky, n_ru, d_ky, d_ru = row
        values = {
            "area": areas[area_code], "scale": scale, "direction": direction, "method": method,
            "reference_max": ref_max, "name_ky": n_ky, "name_ru": n_ru,
            "definition_ky": d_ky, "definition_ru": d_ru, "order": order,
        }
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            indicator = Indicator(code=code, **values)
            indicator.full_clean()
            indicator.save()
            report.created.append(code)
        elif overwrite:
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.full_clean()
            indicator.save()
            report.updated.append(code)
        else:
            report.unchanged.append(code)
    return report
