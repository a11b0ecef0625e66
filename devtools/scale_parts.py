"""The parts of the national-scale data set: users, budgets, events, comments, monitoring,
practices, questions and drafts, each generated from the seed (see ``devtools.scale``)."""

import datetime
import random
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.apps import apps
from django.db import models

from .scale_rows import Writer

BASE = {
    "users": 200_000,
    "events": 100_000,
    "comments": 1_000_000,
    "evaluations": 50_000,
    "practices": 2_500,
    "stories": 2_500,
    "questions": 20_000,
    "drafts": 2_000,
}
CLAUSES_PER_DRAFT = 6
DRAFT_COMMENTS = 12  # on average per public draft
CLAUSES = [
    ("Ушул Жобо айыл аймагынын аймагында колдонулат.",
     "Настоящее Положение действует на территории айылного аймака."),
    ("Жыйымдын өлчөмү жыл сайын айылдык кеңеш тарабынан бекитилет.",
     "Размер сбора ежегодно утверждается айылным кенешем."),
    ("Каражаттар жергиликтүү бюджетке түшөт жана максаттуу пайдаланылат.",
     "Средства поступают в местный бюджет и используются по назначению."),
    ("Айыл өкмөтү жыл сайын тургундарга отчет берет.",
     "Айыл окмоту ежегодно отчитывается перед жителями."),
    ("Жеңилдиктер көп балалуу үй-бүлөлөргө жана майыптарга берилет.",
     "Льготы предоставляются многодетным семьям и лицам с инвалидностью."),
    ("Ушул чечим расмий жарыяланган күндөн тартып күчүнө кирет.",
     "Настоящее решение вступает в силу со дня официального опубликования."),
]
YEARS = 10
LAST_YEAR = 2026
HOT_EVENT_COMMENTS = 5_000  # one public event carries thousands of comments
TZ = datetime.UTC
EPOCH = datetime.datetime(2017, 1, 1, tzinfo=TZ)
SPAN_DAYS = 3650
PASSWORD = "!scale-unusable"  # noqa: S105 - an unusable password hash: nobody can sign in as these

FIRST = ["Айбек", "Бакыт", "Гүлнара", "Динара", "Эрлан", "Жамиля", "Нурлан", "Айгерим",
         "Азамат", "Чолпон", "Талант", "Мээрим", "Бектур", "Асель", "Улан", "Назира"]
LAST = ["Осмонов", "Токтогулов", "Абдыкадыров", "Сыдыков", "Жумабаев", "Исаков",
        "Мамытов", "Бекова", "Асанова", "Кадырова", "Турдубаев", "Садыкова"]
TOPICS = [
    ("Суу түтүгүн оңдоо", "Ремонт водопровода"),
    ("Көчө жарыгы", "Уличное освещение"),
    ("Жергиликтүү бюджеттин долбоору", "Проект местного бюджета"),
    ("Мектептин чатыры", "Кровля школы"),
    ("Таштанды чыгаруу", "Вывоз мусора"),
    ("Жайыттарды пайдалануу", "Использование пастбищ"),
    ("Жолдорду оңдоо", "Ремонт дорог"),
    ("Бала бакча", "Детский сад"),
    ("Маданият үйү", "Дом культуры"),
    ("Сугат суусу", "Поливная вода"),
    ("Спорт аянтчасы", "Спортивная площадка"),
    ("Айыл чарба жерлери", "Сельхозугодья"),
]
SENTENCES = [
    ("Тургундар маселени талкуулап, сунуштарын айтышты.",
     "Жители обсудили вопрос и высказали предложения."),
    ("Айыл өкмөтү каражаттын булагын түшүндүрдү.",
     "Айыл окмоту разъяснил источники финансирования."),
    ("Иштер жайкы мезгилде аткарылат деп пландалууда.",
     "Работы планируется выполнить в летний период."),
    ("Депутаттар чечимди кийинки сессияда карашат.",
     "Депутаты рассмотрят решение на следующей сессии."),
    ("Жаштар жана аялдар да катышып, пикирлерин билдиришти.",
     "Молодёжь и женщины также приняли участие и высказали мнения."),
]
COMMENTS = [
    "Бул абдан керектүү иш, колдойм.", "Каражат кайдан болот?", "Биздин көчөдө суу жок.",
    "Отчетту жарыялагыла.", "Жакшы сунуш, бирок мөөнөтү кыска.",
    "Поддерживаю, давно пора.", "Сколько это будет стоить?", "У нас на улице нет света.",
    "Просим опубликовать смету.", "Хорошее предложение, но сроки короткие.",
]


@dataclass
class Part:
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: str = ""


def scaled(kind: str, scale: float) -> int:
    return max(1, round(BASE[kind] * scale))


def model_or_none(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _both(prefix: str, ky: str, ru: str) -> dict:
    return {prefix: ky, f"{prefix}_ky": ky, f"{prefix}_ru": ru}


def _when(rng: random.Random) -> datetime.datetime:
    return EPOCH + datetime.timedelta(minutes=rng.randrange(SPAN_DAYS * 24 * 60))


def _text(rng: random.Random, n: int) -> tuple[str, str]:
    picked = [rng.choice(SENTENCES) for _ in range(n)]
    return " ".join(p[0] for p in picked), " ".join(p[1] for p in picked)


# --- the parts -------------------------------------------------------------------------------


def units(limit: int | None = None) -> list:
    """Current self-governing units in SOATE order (the first ``limit`` of them, for tests)."""
    Municipality = apps.get_model("municipalities", "Municipality")
    queryset = (
        Municipality.objects.filter(kind__in=Municipality.SELF_GOVERNING_KINDS)
        .filter(models.Q(valid_to__isnull=True))
        .order_by("soate")
        .only("pk", "population", "name", "kind")
    )
    return list(queryset[:limit] if limit else queryset)


def make_users(rng: random.Random, scale: float, unit_ids: list[int]) -> tuple[Part, list[int]]:
    User = apps.get_model("portal", "User")
    part = Part("users")
    writer = Writer(User)
    ids = []
    start = writer.next_id
    for i in range(scaled("users", scale)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        joined = _when(rng)
        ids.append(
            writer.add(
                username=f"scale{start + i}",
                email=f"scale{start + i}@scale.invalid",
                password=PASSWORD,
                first_name="",
                last_name="",
                display_name=name if rng.random() < 0.7 else "",
                preferred_language="ky" if rng.random() < 0.6 else "ru",
                home_municipality_id=rng.choice(unit_ids) if rng.random() < 0.8 else None,
                is_active=True,
                is_staff=False,
                is_superuser=False,
                is_moderator=False,
                is_monitor=rng.random() < 0.01,
                date_joined=joined,
                last_login=None,
            )
        )
    part.counts["users"] = writer.close()
    return part, ids


def make_budgets(rng: random.Random, unit_list: list) -> Part:
    from budgets.demo import EXPENDITURE_CODES
    from budgets.demo import REVENUE_CODES

    BudgetYear = apps.get_model("budgets", "BudgetYear")
    BudgetLine = apps.get_model("budgets", "BudgetLine")
    Transfer = apps.get_model("budgets", "Transfer")
    ClassificationCode = apps.get_model("budgets", "ClassificationCode")
    part = Part("budgets")
    codes = ClassificationCode.objects.values_list("code", flat=True)
    code_writer = Writer(ClassificationCode)
    existing = set(codes)
    for direction, table in (("revenue", REVENUE_CODES), ("expenditure", EXPENDITURE_CODES)):
        for code, category, ky, ru, _share in table:
            if code not in existing:
                code_writer.add(code=code, direction=direction, category=category,
                                **_both("name", ky, ru), **_both("note", "", ""))
    code_writer.close()
    years = Writer(BudgetYear)
    lines, transfers = Writer(BudgetLine, (years,)), Writer(Transfer)
    kinds = ("equalization", "target", "stimulating", "delegated")
    directions = (("revenue", REVENUE_CODES), ("expenditure", EXPENDITURE_CODES))
    for unit in unit_list:
        population = unit.population or rng.randrange(2_000, 30_000)
        revenue = Decimal(population * rng.randrange(2_500, 4_500))
        for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
            published = datetime.datetime(year - 1, 12, rng.randrange(1, 28), 10, tzinfo=TZ)
            budget_id = years.add(
                municipality_id=unit.pk, year=year, population=population,
                **_both("note", "", ""), published_at=published,
                created=published, modified=published,
            )
            past = year < LAST_YEAR
            position = 0
            for direction, table in directions:
                for code, category, ky, ru, share in table:
                    position += 1
                    approved = (revenue * Decimal(share)).quantize(Decimal("1"))
                    lines.add(
                        budget_id=budget_id, direction=direction, category=category, code=code,
                        **_both("name", ky, ru), approved=approved,
                        revised=(approved * Decimal(rng.randrange(95, 108)) / 100).quantize(
                            Decimal("1")) if past else None,
                        executed=(approved * Decimal(rng.randrange(85, 103)) / 100).quantize(
                            Decimal("1")) if past else None,
                        position=position,
                    )
            for kind in kinds:
                if kind != "equalization" and rng.random() < 0.5:
                    continue
                amount = (revenue * Decimal(rng.randrange(2, 40)) / 100).quantize(Decimal("1"))
                transfers.add(
                    municipality_id=unit.pk, year=year, kind=kind, amount=amount,
                    **_both("purpose", *rng.choice(TOPICS)),
                    **_both("legal_basis", "Бюджеттик кодекс", "Бюджетный кодекс"),
                    date=datetime.date(year, rng.randrange(1, 13), rng.randrange(1, 28)),
                    created=published, modified=published,
                )
            revenue = (revenue * Decimal("1.06")).quantize(Decimal("1"))
    part.counts = {"budget years": years.close(), "budget lines": lines.close(),
                   "transfers": transfers.close()}
    return part


def make_events(rng: random.Random, scale: float, unit_ids: list[int], user_ids: list[int]):
    Event = apps.get_model("participation", "Event")
    Alternative = apps.get_model("participation", "Alternative")
    part = Part("events")
    events = Writer(Event)
    alternatives = Writer(Alternative, (events,))
    kinds = [c for c, _ in Event.Kind.choices]
    statuses = ["draft"] * 10 + ["published"] * 15 + ["open"] * 15 + ["held"] * 25 + \
        ["results"] * 30 + ["cancelled"] * 5
    public = []
    for _i in range(scaled("events", scale)):
        status = rng.choice(statuses)
        starts = _when(rng).replace(minute=0)
        topic = rng.choice(TOPICS)
        desc = _text(rng, 3)
        pk = events.add(
            municipality_id=rng.choice(unit_ids), kind=rng.choice(kinds), status=status,
            **_both("title", f"{topic[0]}: коомдук угуу", f"{topic[1]}: общественные слушания"),
            **_both("description", *desc), **_both("agenda", *_text(rng, 1)),
            **_both("place", "Айыл өкмөтүнүн имараты", "Здание айыл окмоту"),
            **_both("cancel_reason", *(_text(rng, 1) if status == "cancelled" else ("", ""))),
            **_both("decision", *(_text(rng, 2) if status == "results" else ("", ""))),
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
            choice_closes_at=None, protocol="",
            published_at=None if status == "draft" else starts - datetime.timedelta(days=14),
            results_published_at=starts + datetime.timedelta(days=3)
            if status == "results" else None,
            created_by_id=None, created=starts - datetime.timedelta(days=20),
            modified=starts - datetime.timedelta(days=20),
        )
        if status != "draft":
            public.append(pk)
        if status in ("open", "results") and rng.random() < 0.3:
            for position in range(3):
                alternatives.add(event_id=pk, **_both("title", *rng.choice(TOPICS)),
                                 **_both("description", *_text(rng, 1)), position=position)
    part.counts = {"events": events.close(), "alternatives": alternatives.close()}
    return part, public


def make_comments(rng: random.Random, scale: float, public: list[int], user_ids: list[int]):
    Comment = apps.get_model("participation", "Comment")
    part = Part("comments")
    writer = Writer(Comment)
    total = scaled("comments", scale)
    hot = public[0]
    hot_count = min(total // 2, HOT_EVENT_COMMENTS)
    roots: dict[int, int] = {}
    for i in range(total):
        event_id = hot if i < hot_count else rng.choice(public)
        when = _when(rng)
        parent = roots.get(event_id) if rng.random() < 0.15 else None
        hidden = rng.random() < 0.01
        pk = writer.add(
            event_id=event_id, parent_id=parent, author_id=rng.choice(user_ids),
            text=rng.choice(COMMENTS), is_hidden=hidden,
            hidden_reason="spam" if hidden else "", hidden_at=when if hidden else None,
            created=when, modified=when,
        )
        if parent is None:
            roots[event_id] = pk
    part.counts = {"comments": writer.close(), "comments on the busiest event": hot_count}
    return part


def make_monitoring(rng: random.Random, scale: float, unit_list: list, user_ids: list[int]):
    from monitoring.catalogue import catalogue_load

    m = {name: apps.get_model("monitoring", name) for name in (
        "MonitoringGroup", "GroupMember", "Cycle", "PlanItem", "MonitoringAct", "Evaluation",
        "Indicator")}
    part = Part("monitoring")
    catalogue_load()
    indicators = list(m["Indicator"].objects.filter(is_active=True).order_by("code").values_list(
        "pk", "scale", "method"))
    groups = Writer(m["MonitoringGroup"])
    members = Writer(m["GroupMember"], (groups,))
    cycles = Writer(m["Cycle"], (members,))
    plans = Writer(m["PlanItem"], (cycles,))
    acts = Writer(m["MonitoringAct"], (cycles,))
    evaluations = Writer(m["Evaluation"], (acts,))
    per_act = min(8, len(indicators))
    target = scaled("evaluations", scale)
    n_acts = max(1, round(target / per_act))
    n_cycles = -(-n_acts // 4)  # four acts per cycle, the last one may have fewer
    cycle_rows = []
    for c in range(n_cycles):
        unit = unit_list[c % len(unit_list)]
        if c < len(unit_list):
            day = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
            group = groups.add(municipality_id=unit.pk, **_both("name", "Мониторинг тобу",
                               "Группа мониторинга"), basis="council", decision_number="12",
                               decision_date=day)
            author_ids = [members.add(group_id=group, user_id=user_ids[(c * 3 + k) % len(
                user_ids)], full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                role="resident", gender=rng.choice(["female", "male"]),
                birth_year=rng.randrange(1950, 2000), is_lead=k == 0) for k in range(3)]
            cycle_rows.append((unit.pk, group, author_ids))
        unit_pk, group, author_ids = cycle_rows[c % len(unit_list)]
        year = LAST_YEAR - 1 - (c // len(unit_list)) % YEARS
        published = rng.random() < 0.8
        cycle = cycles.add(
            municipality_id=unit_pk, group_id=group,
            **_both("title", f"БМжБ {year}", f"СМиО {year}"), **_both("schedule", "", ""),
            period_start=datetime.date(year, 3, 1), period_end=datetime.date(year, 6, 30),
            status="published" if published else "in_progress",
            published_at=datetime.datetime(year, 7, 15, tzinfo=TZ) if published else None,
        )
        chosen = indicators[:per_act]
        for ind_pk, _scale, _method in chosen:
            plans.add(cycle_id=cycle, indicator_id=ind_pk, target=None, scheduled_for=None,
                      **_both("objects_to_visit", "", ""))
        for _a in range(min(4, n_acts - 4 * c)):
            visited = datetime.date(year, rng.randrange(3, 7), rng.randrange(1, 28))
            act = acts.add(
                cycle_id=cycle, author_id=rng.choice(author_ids),
                **_both("title", *rng.choice(TOPICS)), **_both("place", "Борбордук айыл",
                                                              "Центральное село"),
                visited_on=visited,
                status="published" if published else rng.choice(
                    ["draft", "submitted", "accepted"]),
                **_both("review_comment", "", ""),
            )
            for ind_pk, ind_scale, method in chosen:
                value = {"score": rng.randrange(1, 6), "percent": rng.randrange(0, 101),
                         "yes_no": rng.randrange(0, 2)}.get(ind_scale, rng.randrange(0, 500))
                evaluations.add(act_id=act, indicator_id=ind_pk, value=Decimal(value),
                                **_both("evidence", *_text(rng, 1)), observed_on=visited,
                                method=method, **_both("place", "", ""))
    part.counts = {
        "monitoring groups": groups.close(), "group members": members.close(),
        "cycles": cycles.close(), "plan items": plans.close(), "acts": acts.close(),
        "evaluations": evaluations.close(),
    }
    return part


def make_practices(rng: random.Random, scale: float, unit_ids: list[int]):
    Practice = apps.get_model("practices", "Practice")
    Story = apps.get_model("practices", "Story")
    themes = [c for c, _ in Practice._meta.get_field("theme").choices]
    part = Part("practices")
    practices = Writer(Practice)
    stories = Writer(Story, (practices,))
    statuses = ["published"] * 8 + ["draft", "submitted"]
    practice_ids = []
    for _i in range(scaled("practices", scale)):
        status = rng.choice(statuses)
        when = _when(rng)
        topic = rng.choice(TOPICS)
        texts = {name: _text(rng, 2) for name in ("summary", "problem", "solution", "steps",
                                                   "resources", "results")}
        pk = practices.add(
            municipality_id=rng.choice(unit_ids), theme=rng.choice(themes), original_id=None,
            **_both("title", f"{topic[0]}: тажрыйба", f"{topic[1]}: опыт"),
            **{k: v for name, (ky, ru) in texts.items() for k, v in _both(name, ky, ru).items()},
            started_on=when.date(), duration_months=rng.randrange(1, 36),
            contact_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            **_both("contact_position", "Айыл өкмөтүнүн башчысы", "Глава айыл окмоту"),
            contact_phone="", contact_email="",
            status=status, author_id=None, submitted_at=when,
            published_at=when if status == "published" else None, reviewed_by_id=None,
            search_text=f"{topic[0]} {topic[1]}".casefold(), created=when, modified=when,
        )
        practice_ids.append(pk)
    for _i in range(scaled("stories", scale)):
        status = rng.choice(statuses)
        when = _when(rng)
        topic = rng.choice(TOPICS)
        stories.add(
            municipality_id=rng.choice(unit_ids),
            practice_id=rng.choice(practice_ids) if rng.random() < 0.3 else None,
            theme=rng.choice(themes),
            **_both("title", f"{topic[0]}: ийгилик", f"{topic[1]}: успех"),
            **_both("lead", *_text(rng, 1)), **_both("body", *_text(rng, 4)),
            **_both("told_by", f"{rng.choice(FIRST)} {rng.choice(LAST)}", ""),
            status=status, author_id=None, submitted_at=when,
            published_at=when if status == "published" else None, reviewed_by_id=None,
            search_text=f"{topic[0]} {topic[1]}".casefold(), created=when, modified=when,
        )
    part.counts = {"practices": practices.close(), "stories": stories.close()}
    return part


def make_drafts(rng: random.Random, scale: float, unit_ids: list[int], user_ids: list[int]):
    """Draft acts with numbered clauses and comments; adopted ones carry a decision on each."""
    part = Part("draft acts")
    drafts = Writer(apps.get_model("lawmaking", "Draft"))
    revisions = Writer(apps.get_model("lawmaking", "DraftRevision"), (drafts,))
    clauses = Writer(apps.get_model("lawmaking", "DraftClause"), (drafts,))
    texts = Writer(apps.get_model("lawmaking", "ClauseText"), (revisions, clauses))
    comments = Writer(
        apps.get_model("lawmaking", "DraftComment"), (drafts, revisions, clauses)
    )
    statuses = ["adopted"] * 6 + ["published"] * 2 + ["draft", "withdrawn"]
    decisions = ["accepted", "partly", "rejected"]
    for _i in range(scaled("drafts", scale)):
        status = rng.choice(statuses)
        starts = _when(rng)
        ends = starts + datetime.timedelta(days=30)
        topic = rng.choice(TOPICS)
        note = _text(rng, 2)
        adopted = status == "adopted"
        draft = drafts.add(
            municipality_id=rng.choice(unit_ids) if rng.random() < 0.95 else None,
            status=status,
            **_both("title", f"{topic[0]} жөнүндө жобонун долбоору",
                    f"Проект положения: {topic[1].lower()}"),
            **_both("explanatory_note", *note),
            **_both("adopted_text", *_text(rng, 3)) if adopted else _both("adopted_text", "", ""),
            discussion_starts_at=starts, discussion_ends_at=ends,
            published_at=None if status == "draft" else starts,
            decision_number=f"{rng.randrange(1, 40)}/{rng.randrange(1, 12)}" if adopted else "",
            decision_date=(ends + datetime.timedelta(days=14)).date() if adopted else None,
            decision_url="", created_by_id=None, created=starts, modified=starts,
        )
        revision = revisions.add(draft_id=draft, number=1,
                                 **_both("note", "Биринчи редакция", "Первая редакция"),
                                 created=starts)
        clause_ids = []
        for number, (ky, ru) in enumerate(CLAUSES[:CLAUSES_PER_DRAFT], start=1):
            clause = clauses.add(draft_id=draft, created=starts)
            clause_ids.append(clause)
            texts.add(revision_id=revision, clause_id=clause, number=number,
                      **_both("text", ky, ru))
        if status == "draft":
            continue
        for _c in range(rng.randrange(DRAFT_COMMENTS * 2)):
            when = starts + datetime.timedelta(minutes=rng.randrange(30 * 24 * 60))
            decision = rng.choice(decisions) if adopted else ""
            reason = _text(rng, 1) if decision else ("", "")
            comments.add(
                draft_id=draft, revision_id=revision,
                clause_id=rng.choice(clause_ids) if rng.random() < 0.7 else None,
                author_id=rng.choice(user_ids), text=rng.choice(COMMENTS),
                is_hidden=False, hidden_reason="", decision=decision,
                **_both("decision_reason", *reason), decided_by_id=None,
                decided_at=ends + datetime.timedelta(days=3) if decision else None,
                created=when, modified=when,
            )
    part.counts = {
        "draft acts": drafts.close(), "revisions": revisions.close(),
        "clauses": clauses.close(), "clause texts": texts.close(),
        "comments on drafts": comments.close(),
    }
    return part


def make_questions(rng: random.Random, scale: float, unit_ids: list[int],
                   user_ids: list[int]) -> Part:
    part = Part("questions")
    model = apps.get_model("questions", "Question")
    writer = Writer(model)
    for _i in range(scaled("questions", scale)):
        asked = _when(rng)
        answered = asked + datetime.timedelta(days=rng.randrange(1, 30)) \
            if rng.random() < 0.7 else None
        topic = rng.choice(TOPICS)
        writer.add(
            municipality_id=rng.choice(unit_ids), author_id=rng.choice(user_ids),
            title=topic[rng.randrange(2)], text=rng.choice(COMMENTS), asked_at=asked,
            deadline=asked + datetime.timedelta(days=30),
            answer=_text(rng, 2)[0] if answered else "", answered_by_id=None,
            answered_at=answered, is_hidden=rng.random() < 0.01,
        )
    part.counts = {"questions": writer.close()}
    return part
