"""Default balance groups and national reference shares (loaded by a data migration).

Ethnic composition: 2022 population and housing census of the Kyrgyz Republic (National
Statistical Committee, «Основные социально-демографические характеристики населения», book 1,
2023; stat.gov.kg publication 09ae4f7e-4869-4f68-87a9-072c3e92607a), as summarised in the
Wikipedia article "Demographics of Kyrgyzstan": Kyrgyz 77.6 %,
Uzbeks 14.2 %, Russians 4.1 %, Dungans 1.0 %, Uyghurs 0.5 %, Tajiks 0.9 %; "other" is the rest
(2.7 % less Tajiks, 1.8 %, rounded to 1.7 % so that the shares sum to 100).

Sex and age: the census book gives them by single year; the figures below are our rounded
estimates for the population aged 14 and over and are marked as such in the source text, to be
replaced with the exact census table by whoever has it (staff may edit them).
"""

from decimal import Decimal

# The sources as citizens read them, in Kyrgyz and Russian (shown under every balance).
CENSUS_ETHNIC = (
    "Кыргыз Республикасында 2022-жылы калкты жана турак жай фондун каттоо, Улуттук "
    "статистика комитети (stat.gov.kg): калктын улуттук курамы",
    "Перепись населения и жилищного фонда Кыргызской Республики 2022 года, Национальный "
    "статистический комитет (stat.gov.kg): национальный состав населения",
)
CENSUS_ESTIMATE = (
    "2022-жылкы калкты каттоонун жыйынтыгы боюнча болжолдуу эсеп (14 жаштан улуу калк, "
    "тегеректелген); каттоонун жынысы жана жашы боюнча таблицасы менен такталат",
    "Оценка по итогам переписи населения 2022 года (население старше 14 лет, округлено); "
    "будет уточнена по таблице переписи по полу и возрасту",
)
# The English notes the first version of this file stored (replaced by migration 0005).
OLD_SOURCES = {
    "2022 census of the Kyrgyz Republic, National Statistical Committee (stat.gov.kg, "
    "publication 09ae4f7e-4869-4f68-87a9-072c3e92607a), ethnic composition of the population":
    CENSUS_ETHNIC,
    "Estimate from the 2022 census of the Kyrgyz Republic (National Statistical Committee), "
    "population aged 14+, rounded; to verify against the census age-sex table": CENSUS_ESTIMATE,
}

# dimension, key, name_ky, name_ru, national percent, source
DEFAULT_GROUPS = [
    ("gender", "female", "Аялдар", "Женщины", Decimal("50.50"), CENSUS_ESTIMATE),
    ("gender", "male", "Эркектер", "Мужчины", Decimal("49.50"), CENSUS_ESTIMATE),
    ("age", "14-17", "14–17 жаш", "14–17 лет", Decimal("8.00"), CENSUS_ESTIMATE),
    ("age", "18-28", "18–28 жаш (жаштар)", "18–28 лет (молодёжь)", Decimal("23.00"),
     CENSUS_ESTIMATE),
    ("age", "29-59", "29–59 жаш", "29–59 лет", Decimal("54.00"), CENSUS_ESTIMATE),
    ("age", "60-plus", "60 жаш жана андан улуу", "60 лет и старше", Decimal("15.00"),
     CENSUS_ESTIMATE),
    ("ethnic", "kyrgyz", "Кыргыздар", "Кыргызы", Decimal("77.60"), CENSUS_ETHNIC),
    ("ethnic", "uzbek", "Өзбектер", "Узбеки", Decimal("14.20"), CENSUS_ETHNIC),
    ("ethnic", "russian", "Орустар", "Русские", Decimal("4.10"), CENSUS_ETHNIC),
    ("ethnic", "dungan", "Дуңгандар", "Дунгане", Decimal("1.00"), CENSUS_ETHNIC),
    ("ethnic", "uyghur", "Уйгурлар", "Уйгуры", Decimal("0.50"), CENSUS_ETHNIC),
    ("ethnic", "tajik", "Тажиктер", "Таджики", Decimal("0.90"), CENSUS_ETHNIC),
    ("ethnic", "other", "Башкалар", "Другие", Decimal("1.70"), CENSUS_ETHNIC),
]


def load_defaults(balance_group_model, reference_share_model) -> None:
    for position, (dimension, key, name_ky, name_ru, percent, source) in enumerate(
        DEFAULT_GROUPS
    ):
        group, _created = balance_group_model.objects.update_or_create(
            dimension=dimension,
            key=key,
            defaults={
                "name": name_ky,
                "name_ky": name_ky,
                "name_ru": name_ru,
                "position": position,
            },
        )
        texts = {"source": source[0]}
        if any(f.name == "source_ky" for f in reference_share_model._meta.get_fields()):
            texts.update(source_ky=source[0], source_ru=source[1])  # after migration 0005
        reference_share_model.objects.update_or_create(
            municipality=None, group=group, defaults={"percent": percent, **texts}
        )


def translate_sources(reference_share_model) -> None:
    """Every source in both languages: the old English defaults get their Kyrgyz and Russian
    text, a staff member's own note is kept as written for both until someone translates it."""
    known = {**OLD_SOURCES, **{pair[0]: pair for pair in (CENSUS_ETHNIC, CENSUS_ESTIMATE)}}
    for share in reference_share_model.objects.all():
        ky, ru = known.get(share.source, (share.source, share.source))
        share.source_ky = share.source_ky or ky
        share.source_ru = share.source_ru or ru
        share.source = share.source_ky
        share.save(update_fields=["source", "source_ky", "source_ru"])
