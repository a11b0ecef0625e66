"""Demo citizens' questions: answered (once late), open and overdue, in both languages."""

import datetime

from django.utils import timezone

from municipalities.models import Municipality
from portal.models import User
from portal.moderation.seeding import demo_flag
from portal.moderation.seeding import demo_hide

from .models import Question
from .models import deadline_for

QUESTIONS = [
    # slug, author, days ago asked, answered after days (None: not yet), title, text, answer
    ("tepkenskiy-aa", "citizen@demo.kg", 30, 5, "Суу качан берилет?",
     "Жогорку Тепкеде жайында суу эмне үчүн жок? Качан оңдолот?",
     "Суу түтүгүн оңдоо иштери июлда башталат, август айында бүтөт."),
    ("karakol", "resident3@demo.kg", 40, 20, "Уличное освещение на улице Токтогула",
     "Когда восстановят фонари на улице Токтогула между Абдрахманова и Гебзе?",
     "Замена светильников включена в план на следующий квартал."),
    ("karakol", "resident1@demo.kg", 5, None, "Бала бакчага орун",
     "Бала бакчага кезек кантип алынат жана канча убакыт күтүү керек?", ""),
    ("tepkenskiy-aa", "resident2@demo.kg", 25, None, "Вывоз мусора в Ак-Жаре",
     "Мусор не вывозили уже месяц. Кто отвечает за вывоз и каков график?", ""),
    ("naryn", "resident4@demo.kg", 2, None, "Спорт аянтчасы",
     "Мектептин жанындагы спорт аянтчасын оңдоого бюджеттен акча каралабы?", ""),
    ("tepkenskiy-aa", "resident5@demo.kg", 1, None, "Арзан насыя 1 күндө!",
     "Паспорт менен гана насыя берилет, телефон чалыңыз.", ""),
]
# For the moderation queue: (title, who reports, reason); the advertisement is hidden.
FLAGS = [
    ("Вывоз мусора в Ак-Жаре", "resident1@demo.kg", "Бул суроо эмес, даттануу."),
    ("Бала бакчага орун", "resident4@demo.kg", "Кайталанган суроо."),
    ("Арзан насыя 1 күндө!", "resident2@demo.kg", "Жарнама."),
    ("Арзан насыя 1 күндө!", "citizen@demo.kg", "Алдамчылык болушу мүмкүн."),
]
HIDDEN = [("Арзан насыя 1 күндө!", "Жарнама: жарандын суроосу эмес.")]


def seed(*, stdout) -> None:
    units = {m.slug: m for m in Municipality.objects.filter(slug__in={q[0] for q in QUESTIONS})}
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.kg")}
    staff = User.objects.filter(is_superuser=True).order_by("pk").first()
    now = timezone.now()
    created = 0
    for slug, email, ago, answered_after, title, text, answer in QUESTIONS:
        unit, author = units.get(slug), users.get(email)
        if unit is None or author is None:
            continue
        asked = now - datetime.timedelta(days=ago)
        answered = asked + datetime.timedelta(days=answered_after) if answered_after else None
        _question, new = Question.objects.get_or_create(
            municipality=unit,
            title=title,
            defaults={
                "author": author,
                "text": text,
                "asked_at": asked,
                "deadline": deadline_for(asked),
                "answer": answer,
                "answered_at": answered,
                "answered_by": staff if answered else None,
            },
        )
        created += new
    questions = {q.title: q for q in Question.objects.filter(title__in={q[4] for q in QUESTIONS})}
    for title, email, reason in FLAGS:
        if title in questions:
            demo_flag(questions[title], users.get(email), reason)
    moderator = User.objects.filter(email="moderator@demo.kg").first()
    for title, reason in HIDDEN:
        if title in questions:
            demo_hide(questions[title], moderator, reason)
    stdout.write(f"questions: {len(QUESTIONS)} demo questions ({created} new)")
