import datetime

import factory
from django.utils import timezone

from participation.lawmaking import services
from participation.lawmaking.models import Draft
from tests.factories import MunicipalityFactory


class DraftFactory(factory.django.DjangoModelFactory):
    """A published draft, open for discussion (35 days, above the legal minimum of 30), with
    three clauses in revision 1."""

    class Meta:
        model = Draft
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    status = Draft.Status.PUBLISHED
    title = factory.SelfAttribute("title_ky")
    title_ky = factory.Sequence(lambda n: f"Жергиликтүү кеңештин токтомунун долбоору {n}")
    title_ru = factory.Sequence(lambda n: f"Проект решения местного кенеша {n}")
    explanatory_note_ky = "Түшүндүрмө кат."
    explanatory_note_ru = "Пояснительная записка."
    discussion_starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    discussion_ends_at = factory.LazyAttribute(
        lambda o: o.discussion_starts_at + datetime.timedelta(days=35)
    )

    @factory.post_generation
    def clauses(self, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted or [
            ("Биринчи пункт.", "Первый пункт."),
            ("Экинчи пункт.", "Второй пункт."),
            ("Үчүнчү пункт.", "Третий пункт."),
        ]
        services._write_revision(self, [(None, ky, ru) for ky, ru in texts])
