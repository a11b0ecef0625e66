"""Production: everything comes from the environment; refuse to start without a secret."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

# No default here: the check portal.E001 stops start-up without the public address.
SITE_URL = env("SITE_URL", default="").rstrip("/")

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")
