"""The blocks other sections add to a municipality's profile page: a registry.

Each app registers its own in its <app>/registrations.py (autodiscovered by portal.apps). A
block's ``hook(municipality)`` returns {"title", "items": [{"label", "url", "meta"}],
"more_url", "empty_text"} in one query; when it returns nothing or fails, the profile shows the
registered title and empty text instead (municipalities.selectors.profile_blocks).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class ProfileBlock:
    key: str  # the block's id on the page: id="block-<key>"
    title: str | Promise
    empty_text: str | Promise
    hook: Callable[[Any], dict[str, Any] | None]
    order: int  # blocks show in this order, whatever order the apps load in


BLOCKS: dict[str, ProfileBlock] = {}


def register(block: ProfileBlock) -> ProfileBlock:
    BLOCKS[block.key] = block
    return block


def registered() -> list[ProfileBlock]:
    return sorted(BLOCKS.values(), key=lambda block: (block.order, block.key))
