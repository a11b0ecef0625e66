"""One moderation core for every kind of citizen text (docs/architecture.md, "Moderation").

Apps register their kinds in ``registrations.py`` with ``moderation.register(Model, ...)``.
"""

from .registry import Kind
from .registry import get
from .registry import kind_of
from .registry import kinds
from .registry import register

__all__ = ["Kind", "get", "kind_of", "kinds", "register"]
