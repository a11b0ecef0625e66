import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _

from . import ratelimit
from .urls_abs import rebase


def _login_failed_keys(address: str, credentials) -> dict[str, str]:
    """The counters of one sign-in attempt: by account, by (account, address), by address."""
    login = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    account = hashlib.sha256(login.encode()).hexdigest()[:32]
    return {
        "account": f"login-failed:account:{account}",
        "pair": f"login-failed:pair:{account}:{address}",
        "address": f"login-failed:address:{address}",
    }


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mails go out in the reader's preferred language, not the server's.

    Failed sign-ins are throttled here (allauth's own ``login_failed`` limit is off in
    settings): per (account, address) tightly — the person at the keyboard; per account more
    loosely — one account tried from many addresses; per address with a ceiling generous
    enough that a whole municipal office behind one NAT never reaches it together
    (``LOGIN_FAILED_LIMITS``). Each attempt counts when it starts; a successful one is taken
    back, so only failures remain. Over a limit the visitor gets the 429 page in his language.
    While Redis is away the counts are kept per process (``portal/ratelimit.py``).
    """

    # Links in account e-mails carry SITE_URL like every other e-mail (portal/urls_abs.py),
    # not whatever host the request came in on.
    def get_email_confirmation_url(self, request, emailconfirmation):
        return rebase(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return rebase(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        """Render the mail here, in the reader's language; a worker sends it (the outbox).

        Sign-up and password reset answer at once and alike whether the address exists and
        whether the mail server is up: the request only writes an outbox row.
        """
        from portal import outbox
        from portal.tasks import send_mail_task

        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next(
                (
                    str(content)
                    for content, mimetype in message.alternatives
                    if mimetype == "text/html"
                ),
                "",
            )
        body = str(message.body)
        if message.content_subtype == "html":
            body, html = "", body
        outbox.enqueue(
            send_mail_task,
            subject=str(message.subject),
            body=body,
            html=html,
            to=list(message.to),
            from_email=message.from_email,
            headers={str(k): str(v) for k, v in message.extra_headers.items()},
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = (translation.get_language() or "ky")[:2]
        if not user.username:
            user.username = user.email.lower()
        if commit:
            user.save()
        return user

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        self._login_failed_counted = _login_failed_keys(
            self.get_client_ip(request), credentials
        )
        refused = False
        for kind, key in self._login_failed_counted.items():
            limit, seconds = settings.LOGIN_FAILED_LIMITS[kind]
            if not ratelimit.allow(key, limit=limit, seconds=seconds, when_away="local"):
                refused = True
        if refused:
            raise ImmediateHttpResponse(
                ratelimit.too_many_requests(
                    request,
                    _("Too many failed sign-in attempts. Please wait a few minutes and try again."),
                )
            )

    def _delete_login_attempts_cached_email(self, request, **credentials):
        """After a password reset (allauth's hook): the account's counts start afresh, so a
        locked-out owner gets in with the new password at once."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        keys = _login_failed_keys(self.get_client_ip(request), credentials)
        ratelimit.reset(keys["account"])
        ratelimit.reset(keys["pair"])

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            for key in getattr(self, "_login_failed_counted", {}).values():
                ratelimit.forgive(key)
        return user
