"""Registration with e-mail confirmation, login, throttling, password reset, profile."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from portal.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_once")]

PASSWORD = "correct-horse-battery"


def signup(client, lang="ky", email="aigul@example.kg", password="Kyrgyz-Tili-2026"):
    return client.post(
        f"/{lang}/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
    )


def test_registration_sends_a_confirmation_in_the_users_language(client, settings):
    settings.SITE_URL = "https://portal.example.kg"  # the link carries SITE_URL, not the host
    response = signup(client, lang="ru")
    assert response.status_code == 302
    user = User.objects.get(email="aigul@example.kg")
    assert user.preferred_language == "ru"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(
        r"https://portal\.example\.kg(/ru/accounts/confirm-email/[^\s]+)", mail.outbox[0].body
    )
    assert link, mail.outbox[0].body
    # Confirming the address logs the account in for good.
    client.post(link.group(1))
    assert EmailAddress.objects.get(user=user).verified


def test_unconfirmed_account_cannot_log_in(client):
    signup(client)
    client.logout()
    response = client.post(
        "/ky/accounts/login/", {"login": "aigul@example.kg", "password": "Kyrgyz-Tili-2026"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_registration_with_bad_input_rerenders_with_messages_and_saves_nothing(client):
    response = client.post(
        "/ru/accounts/signup/", {"email": "not-an-email", "password1": "1", "password2": "2"}
    )
    assert response.status_code == 200
    assert User.objects.count() == 0
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "адрес электронной почты" in html.lower()


def test_duplicate_email_is_refused(client, user_factory):
    user_factory(email="aigul@example.kg")
    signup(client)
    assert User.objects.filter(email="aigul@example.kg").count() == 1


def test_login_and_logout(client, user):
    response = client.post("/ky/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/ky/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_throttled_per_username(client, user):
    for _ in range(5):
        client.post("/ky/accounts/login/", {"login": user.email, "password": "wrong"})
    # Even the right password is refused while the account's address is throttled.
    response = client.post("/ky/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_throttled_per_address(client, user_factory, settings):
    """Past the (generous) ceiling of the address; tests/portal/test_login_throttle.py has more."""
    settings.LOGIN_FAILED_LIMITS = {**settings.LOGIN_FAILED_LIMITS, "address": (10, 300)}
    users = user_factory.create_batch(11)
    for attacked in users[:10]:
        client.post("/ky/accounts/login/", {"login": attacked.email, "password": "wrong"})
    response = client.post("/ky/accounts/login/", {"login": users[10].email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, user):
    response = client.post("/ru/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_profile_requires_login(client):
    response = client.get("/ky/profile/")
    assert response.status_code == 302
    assert "/ky/accounts/login/" in response["Location"]


def test_profile_saves_display_name_language_and_home(client, user, municipality):
    client.force_login(user)
    response = client.post(
        "/ky/profile/",
        {
            "display_name": "Бакыт",
            "preferred_language": "ru",
            "home_municipality": municipality.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/ru/profile/"
    assert response.cookies["lang"].value == "ru"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Бакыт", "ru")
    assert user.home_municipality == municipality


def test_profile_rejects_bad_input_and_keeps_the_old_values(client, user):
    client.force_login(user)
    response = client.post(
        "/ru/profile/", {"display_name": "x" * 300, "preferred_language": "en"}
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    user.refresh_from_db()
    assert user.preferred_language == "ky"


def test_profile_lists_roles(client, user, staff_membership_factory, municipality):
    staff_membership_factory(user=user, municipality=municipality, level="manager")
    client.force_login(user)
    html = client.get("/ru/profile/").content.decode()
    assert municipality.name_ru in html


def test_public_name_never_reveals_the_email(user_factory):
    user = user_factory(display_name="")
    assert user.email not in user.public_name
