"""Factories of the directory. Units get their search column as the services fill it."""

import factory

from municipalities.models import Body
from municipalities.models import Member
from municipalities.models import Municipality
from municipalities.models import Village
from municipalities.models import fold_for_search
from tests.factories import MunicipalityFactory


class UnitFactory(MunicipalityFactory):
    search_text = factory.LazyAttribute(
        lambda o: fold_for_search(f"{o.name_ky} {o.name_ru} {o.english_name}")
    )
    english_name = ""


class OblastFactory(UnitFactory):
    kind = Municipality.Kind.OBLAST
    name_ky = factory.Sequence(lambda n: f"Облус {n}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")


class RayonFactory(UnitFactory):
    kind = Municipality.Kind.RAYON
    parent = factory.SubFactory(OblastFactory)
    name_ky = factory.Sequence(lambda n: f"Район {n}")
    name_ru = factory.Sequence(lambda n: f"Район {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    municipality = factory.SubFactory(UnitFactory)
    kind = Body.Kind.COUNCIL
    name_ky = "Айылдык кеңеш"
    name_ru = "Айылный кенеш"
    phone = "+996 312 00 00 00"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    body = factory.SubFactory(BodyFactory)
    role = Member.Role.DEPUTY
    full_name_ky = factory.Sequence(lambda n: f"Депутат {n}")
    full_name_ru = factory.Sequence(lambda n: f"Депутат {n}")
    gender = Member.Gender.FEMALE


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    municipality = factory.SubFactory(UnitFactory)
    name_ky = factory.Sequence(lambda n: f"Айыл {n}")
    name_ru = factory.Sequence(lambda n: f"Село {n}")
