import factory
from django.utils import timezone

from practices.questions.models import Question
from practices.questions.models import deadline_for
from tests.factories import MunicipalityFactory
from tests.factories import UserFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    municipality = factory.SubFactory(MunicipalityFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Суроо {n}")
    text = "Суу качан берилет?"
    asked_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyAttribute(lambda o: deadline_for(o.asked_at))
