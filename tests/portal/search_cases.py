"""One set of content and typed queries for search on both databases (PostgreSQL and SQLite).

Each case is (as typed on a Russian layout or with a slip, as spelt correctly): both must find
the same entries, and something. ``tests/portal/test_search_typing.py`` runs them in-process on
PostgreSQL and, through ``sqlite_search_run.py``, on SQLite as the demo does.
"""

CASES = [
    ("тутугу", "түтүгү"),  # ү typed as у
    ("кенеш", "кеңеш"),  # ң typed as н
    ("Тупку", "Түп"),  # ү typed as у and a two-letter slip
    ("бюжет", "бюджет"),  # a letter missing
    ("бюдджет", "бюджет"),  # a letter too many
    ("бюдежт", "бюджет"),  # two letters swapped
    ("жыйын", "жыйын"),  # spelt right: nothing to forgive
    ("Тепке кенеш", "Тепке кеңеш"),  # two words, each must occur
    ("слушание", "слушание"),  # Russian, through the Russian stemmer (PostgreSQL)
    ("ёлка", "елка"),  # ё folded to е
]


def create_content() -> None:
    """Published events and units whose words the cases look for, and some that must not match."""
    from tests.factories import MunicipalityFactory
    from tests.participation.factories import EventFactory

    tup = MunicipalityFactory(
        kind="rayon", name_ky="Түп району", name_ru="Тюпский район", slug="tup-rayon"
    )
    tepke = MunicipalityFactory(
        name_ky="Тепке айыл аймагы", name_ru="Тепкенский айылный аймак", slug="tepke-aa"
    )
    EventFactory(
        municipality=tepke,
        title_ky="Суу түтүгү боюнча жыйын",
        title_ru="Сход о водопроводе",
        description_ky="Айылдын суу түтүгү эскирген, жаңысын тартуу керек.",
        description_ru="Водопровод села устарел.",
    )
    EventFactory(
        municipality=tepke,
        title_ky="Айыл кеңеш менен ачык жолугушуу",
        title_ru="Открытая встреча с айылным кенешем",
        description_ky="Тепке айылдык кеңеш депутаттары суроолорго жооп беришет.",
        description_ru="Депутаты отвечают на вопросы.",
    )
    EventFactory(
        municipality=tup,
        title_ky="Түп айылында жаштар жыйыны",
        title_ru="Молодёжный сход в Тюпе",
        description_ky="Жаштардын демилгелери.",
        description_ru="Инициативы молодёжи, новогодняя ёлка.",
    )
    EventFactory(
        municipality=tepke,
        title_ky="Жергиликтүү бюджет боюнча угуу",
        title_ru="Слушания по местному бюджету",
        description_ky="2027-жылдын бюджети.",
        description_ru="Бюджет на 2027 год.",
    )
    EventFactory(
        municipality=tepke,
        title_ky="Мектептин чатырын оңдоо",
        title_ru="Ремонт крыши школы",
        description_ky="Чатыр агат.",
        description_ru="Крыша протекает.",
    )
