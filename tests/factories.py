"""Factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress

from municipalities.models import Municipality
from municipalities.models import StaffMembership
from portal.models import User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kg")
    username = factory.SelfAttribute("email")
    display_name = factory.Faker("name", locale="ru_RU")
    preferred_language = "ky"
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Accounts from the factory can log in: their e-mail is confirmed unless told not."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    kind = Municipality.Kind.AYIL_AIMAK
    soate = factory.Sequence(lambda n: f"417{n:011d}")
    name_ky = factory.Sequence(lambda n: f"Өрнөк айыл аймагы {n}")
    name_ru = factory.Sequence(lambda n: f"Образцовый айылный аймак {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")
    population = 5000
    population_year = 2021


class StaffMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMembership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    level = StaffMembership.Level.EDITOR
