"""Demo draft acts: one open for discussion, one answered clause by clause, one adopted."""

import datetime

from django.utils import timezone

from municipalities.models import Municipality
from portal.models import User
from portal.moderation.seeding import demo_flag

from . import services
from .models import Draft
from .models import DraftComment

NOTE_KY = "Долбоор жарандардын сунуштарын эске алуу үчүн талкууга коюлат."
NOTE_RU = "Проект выносится на обсуждение, чтобы учесть предложения граждан."
CLAUSES_WATER = [
    (
        "Айыл өкмөтү ичүүчү суу түтүгүн тейлөө тартибин бекитет.",
        "Айыл окмоту утверждает порядок обслуживания водопровода питьевой воды.",
    ),
    (
        "Суу үчүн төлөм бир адамга айына 30 сом өлчөмүндө белгиленет.",
        "Плата за воду устанавливается в размере 30 сомов в месяц на человека.",
    ),
    (
        "Аз камсыз болгон үй-бүлөлөр төлөмдөн бошотулат.",
        "Малообеспеченные семьи освобождаются от платы.",
    ),
]
CLAUSES_WASTE = [
    (
        "Турмуштук таштандылар жумасына эки жолу чыгарылат.",
        "Бытовые отходы вывозятся два раза в неделю.",
    ),
    (
        "Таштанды чыгаруу үчүн төлөм үй чарбасына айына 50 сом.",
        "Плата за вывоз отходов — 50 сомов в месяц с домохозяйства.",
    ),
]
CLAUSES_NATIONAL = [
    (
        "Жергиликтүү кеңештер бюджеттин долбоорун коомдук талкууга коюуга милдеттүү.",
        "Местные кенеши обязаны выносить проект бюджета на общественное обсуждение.",
    ),
    (
        "Талкуу мөөнөтү 15 календардык күндөн кем болбошу керек.",
        "Срок обсуждения не может быть менее 15 календарных дней.",
    ),
]
DRAFTS = [
    # slug (None: national), key title ky, title ru, clauses, start offset days, length, adopted
    # (every period at least the legal minimum of 30 days that the services enforce)
    (
        "tepkenskiy-aa",
        "Ичүүчү суу менен камсыздоо жөнүндө жобонун долбоору",
        "Проект положения о снабжении питьевой водой",
        CLAUSES_WATER,
        -3,
        35,
        False,
    ),
    (
        "karakol",
        "Таштандыларды чыгаруу эрежелеринин долбоору",
        "Проект правил вывоза бытовых отходов",
        CLAUSES_WASTE,
        -45,
        30,
        False,
    ),
    (
        None,
        "Бюджеттик процесске жарандардын катышуусу жөнүндө мыйзамдын долбоору",
        "Проект закона об участии граждан в бюджетном процессе",
        CLAUSES_NATIONAL,
        -80,
        30,
        True,
    ),
]
COMMENTS = [
    (0, "resident1@demo.kg", 1, "30 сом көп, 20 сом сунуштайм."),
    (0, "resident3@demo.kg", None, "Хорошее положение, но нужен график ремонта."),
    (1, "resident2@demo.kg", 0, "Жайында үч жолу чыгаруу керек."),
    (1, "resident4@demo.kg", 1, "Для многодетных семей нужна скидка."),
    (2, "resident5@demo.kg", 1, "Срок 15 дней мал для сельских жителей, предлагаю 30."),
]
ANSWERS = {
    (1, "resident2@demo.kg"): (
        "partly",
        "Жайында (июнь–август) үч жолу чыгарылат.",
        "Летом (июнь–август) вывоз три раза в неделю.",
    ),
    (1, "resident4@demo.kg"): (
        "rejected",
        "Жеңилдиктер өзүнчө токтом менен каралат.",
        "Льготы будут рассмотрены отдельным решением.",
    ),
    (2, "resident5@demo.kg"): (
        "accepted",
        "Мөөнөт 30 күнгө узартылды.",
        "Срок увеличен до 30 дней.",
    ),
}


def seed(*, stdout) -> None:
    units = {
        m.slug: m for m in Municipality.objects.filter(slug__in={d[0] for d in DRAFTS if d[0]})
    }
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.kg")}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    drafts: list[Draft | None] = []
    created = 0
    for slug, title_ky, title_ru, clauses, offset, days, _adopted in DRAFTS:
        if slug and slug not in units:
            drafts.append(None)
            continue
        starts = now + datetime.timedelta(days=offset)
        draft, new = Draft.objects.get_or_create(
            title_ky=title_ky,
            defaults={
                "municipality": units.get(slug) if slug else None,
                "title": title_ky,
                "title_ru": title_ru,
                "explanatory_note_ky": NOTE_KY,
                "explanatory_note_ru": NOTE_RU,
                "status": Draft.Status.PUBLISHED,
                "published_at": starts,
                "discussion_starts_at": starts,
                "discussion_ends_at": starts + datetime.timedelta(days=days),
            },
        )
        if new:
            created += 1
            services._write_revision(draft, [(None, ky, ru) for ky, ru in clauses])
        drafts.append(draft)
    for index, email, clause_index, text in COMMENTS:
        commented, author = drafts[index], users.get(email)
        if (
            commented is None
            or author is None
            or commented.comments.filter(author=author).exists()
        ):
            continue
        revision = commented.revisions.order_by("-number").first()
        if revision is None:  # every draft the demo makes has its first revision
            continue
        texts = list(revision.texts.order_by("number"))
        clause = texts[clause_index].clause if clause_index is not None else None
        # Written straight, not through the service: the demo period may be over already.
        DraftComment.objects.create(
            draft=commented, revision=revision, clause=clause, author=author, text=text
        )
    for (index, email), (decision, reason_ky, reason_ru) in ANSWERS.items():
        answered = drafts[index]
        if answered is None:
            continue
        DraftComment.objects.filter(draft=answered, author__email=email, decision="").update(
            decision=decision,
            decision_reason=reason_ky,
            decision_reason_ky=reason_ky,
            decision_reason_ru=reason_ru,
            decided_by=admin,
            decided_at=now,
        )
    # Flags for the moderation queue (a moderator will dismiss them: both are proposals).
    for index, author_email, reporter, reason in (
        (0, "resident1@demo.kg", "resident3@demo.kg", "Бул сунуш эмес, талаш."),
        (1, "resident4@demo.kg", "resident1@demo.kg", "Долбоорго тиешеси жок."),
    ):
        flagged_draft = drafts[index]
        if flagged_draft is None:
            continue
        proposal = flagged_draft.comments.filter(author__email=author_email).first()
        if proposal is not None:
            demo_flag(proposal, users.get(reporter), reason)
    national = drafts[2]
    if national is not None and national.status != Draft.Status.ADOPTED:
        national.status = Draft.Status.ADOPTED
        national.adopted_text_ky = "\n".join(ky for ky, _ru in CLAUSES_NATIONAL)
        national.adopted_text_ru = "\n".join(ru for _ky, ru in CLAUSES_NATIONAL).replace(
            "15 календарных", "30 календарных"
        )
        national.adopted_text = national.adopted_text_ky
        national.decision_number = "45"
        national.decision_date = (now - datetime.timedelta(days=20)).date()
        national.decision_url = "https://cbd.minjust.gov.kg/"
        national.save()
    stdout.write(f"law-making: {len(DRAFTS)} demo drafts ({created} new)")
