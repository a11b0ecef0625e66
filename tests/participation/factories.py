import datetime

import factory
from django.utils import timezone

from participation.models import Alternative
from participation.models import Comment
from participation.models import Event
from tests.factories import MunicipalityFactory
from tests.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Event.Kind.PUBLIC_HEARING
    status = Event.Status.OPEN
    title = factory.SelfAttribute("title_ky")
    title_ky = factory.Sequence(lambda n: f"Бюджет боюнча коомдук угуу {n}")
    title_ru = factory.Sequence(lambda n: f"Общественные слушания по бюджету {n}")
    description_ky = "Жергиликтүү бюджеттин долбоорун талкуулоо."
    description_ru = "Обсуждение проекта местного бюджета."
    place = factory.SelfAttribute("place_ky")
    place_ky = "Тепке айылы, маданият үйү"
    place_ru = "с. Тепке, дом культуры"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class AlternativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alternative

    event = factory.SubFactory(EventFactory)
    title = factory.SelfAttribute("title_ky")
    title_ky = factory.Sequence(lambda n: f"Вариант {n}")
    title_ru = factory.Sequence(lambda n: f"Вариант {n}")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    event = factory.SubFactory(EventFactory)
    author = factory.SubFactory(UserFactory)
    text = "Жолду оңдоо биринчи орунда болушу керек."
