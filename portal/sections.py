"""The seed page's sections: one registry feeds the navigation, the home page and the landings.

Each section has a stable address (/<lang>/<path>/) and a URL namespace; the app that owns it
serves its landing page at "<namespace>:landing".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Section:
    key: str
    path: str
    title: StrOrPromise
    summary: StrOrPromise

    @property
    def url(self) -> str:
        return reverse(f"{self.key}:landing")


SECTIONS = [
    Section(
        "municipalities",
        "municipalities",
        _("LSG bodies"),
        _(
            "Representative and executive bodies that ensure questions of local significance "
            "are resolved: the ayil kenesh and the ayil okmotu in an ayil aimak, the city "
            "kenesh and the mayor's office in a city."
        ),
    ),
    Section(
        "participation",
        "participation",
        _("Civic participation"),
        _(
            "An important principle of civil society: involving the governed in governing — in "
            "discussing and drafting programmes and projects, influencing decisions and "
            "overseeing how they are carried out, and self-government within the local "
            "community. It is a continuous, two-way interaction between civil society and the "
            "authorities: informing people, collecting opinions and choosing the most "
            "acceptable of the possible alternatives."
        ),
    ),
    Section(
        "events",
        "events",
        _("Events"),
        _(
            "Public hearings, budget hearings, kurultais, village assemblies, council sessions "
            "and trainings held by municipalities."
        ),
    ),
    Section(
        "budgets",
        "budgets",
        _("Inter-budget relations"),
        _(
            "The relations between state administration bodies and LSG bodies that regulate "
            "budget law and organise the budget process: transfers and grants from the "
            "republican budget, drafting, hearing, approving and executing local budgets."
        ),
    ),
    Section(
        "information",
        "information",
        _("Information exchange"),
        _(
            "News and announcements, documents, and questions residents ask their "
            "municipality, with public answers."
        ),
    ),
    Section(
        "practices",
        "practices",
        _("Best practices"),
        _(
            "Solutions that worked in one municipality, described so that another can repeat "
            "them: the problem, the steps, the cost and the results."
        ),
    ),
    Section(
        "stories",
        "stories",
        _("Success stories"),
        _("Stories of change told by the people of the municipalities themselves."),
    ),
    Section(
        "lawmaking",
        "law-making",
        _("Law-making"),
        _(
            "Drafts of local decisions and national acts on local self-government open for "
            "public discussion, with an answer to every proposal."
        ),
    ),
    Section(
        "monitoring",
        "monitoring",
        _("Joint monitoring and evaluation"),
        _(
            "Joint monitoring and evaluation is carried out regularly with the participation of "
            "LSG bodies and the local community. Its main reason is accountability and "
            "transparency of the LSG bodies, the council, public organisations and the "
            "community in all their work. One of its strategic tasks is to raise people's trust "
            "in LSG bodies: to tell what works and what does not, and what cooperation and help "
            "are needed to reach the common goal."
        ),
    ),
]

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
