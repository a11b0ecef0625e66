"""Factories of the practices app: every text field filled in both languages."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from practices.demo_files import pdf_bytes
from practices.models import Document
from practices.models import FundingSource
from practices.models import NewsItem
from practices.models import Practice
from practices.models import ResultIndicator
from practices.models import Status
from practices.models import Story
from practices.models import Theme
from tests.factories import MunicipalityFactory


class PublishedMixin(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class PracticeFactory(PublishedMixin):
    class Meta:
        model = Practice

    municipality = factory.SubFactory(MunicipalityFactory)
    theme = Theme.WATER
    title_ky = factory.Sequence(lambda n: f"Мыкты тажрыйба {n}")
    title_ru = factory.Sequence(lambda n: f"Лучшая практика {n}")
    summary_ky = "Кыскача баяндама"
    summary_ru = "Краткое описание"
    problem_ky = "<p>Көйгөй</p>"
    problem_ru = "<p>Проблема</p>"
    solution_ky = "<p>Чечим</p>"
    solution_ru = "<p>Решение</p>"
    steps_ky = "Биринчи кадам\nЭкинчи кадам"
    steps_ru = "Первый шаг\nВторой шаг"
    results_ky = "<p>Жыйынтык</p>"
    results_ru = "<p>Результат</p>"
    started_on = dt.date(2024, 1, 1)
    duration_months = 6
    contact_name = "Асан Асанов"
    contact_position_ky = "адис"
    contact_position_ru = "специалист"
    search_text = factory.LazyAttribute(
        lambda o: f"{o.title_ky} {o.title_ru} {o.summary_ky} {o.summary_ru}".casefold()
    )


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    practice = factory.SubFactory(PracticeFactory)
    kind = FundingSource.Kind.LOCAL_BUDGET
    amount = Decimal("100000.00")


class ResultIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultIndicator

    practice = factory.SubFactory(PracticeFactory)
    label_ky = "Көрсөткүч"
    label_ru = "Показатель"
    before = Decimal("10")
    after = Decimal("20")


class StoryFactory(PublishedMixin):
    class Meta:
        model = Story

    municipality = factory.SubFactory(MunicipalityFactory)
    theme = Theme.WATER
    title_ky = factory.Sequence(lambda n: f"Ийгилик баяны {n}")
    title_ru = factory.Sequence(lambda n: f"История успеха {n}")
    lead_ky = "Кыскача"
    lead_ru = "Вкратце"
    body_ky = "<p>Баян</p>"
    body_ru = "<p>Рассказ</p>"


class NewsItemFactory(PublishedMixin):
    class Meta:
        model = NewsItem

    municipality = None
    kind = NewsItem.Kind.NEWS
    title_ky = factory.Sequence(lambda n: f"Жаңылык {n}")
    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    summary_ky = "Кыскача"
    summary_ru = "Вкратце"
    body_ky = "<p>Текст</p>"
    body_ru = "<p>Текст</p>"


class DocumentFactory(PublishedMixin):
    class Meta:
        model = Document

    municipality = None
    doc_type = Document.Type.LAW
    title_ky = factory.Sequence(lambda n: f"Мыйзам {n}")
    title_ru = factory.Sequence(lambda n: f"Закон {n}")
    number = factory.Sequence(lambda n: str(100 + n))
    adopted_on = dt.date(2021, 10, 20)
    issuer_ky = "Жогорку Кеңеш"
    issuer_ru = "Жогорку Кенеш"
    file = factory.django.FileField(filename="law.pdf", data=pdf_bytes("Law"))
    original_name = "law.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(pdf_bytes("Law")))
    search_text = factory.LazyAttribute(
        lambda o: f"{o.title_ky} {o.title_ru} {o.issuer_ky} {o.issuer_ru} {o.number}".casefold()
    )
