"""Spelling as people type it: Kyrgyz letters folded to the Russian layout's, slips forgiven.

On a phone many people type Kyrgyz on a Russian keyboard, without ө, ү, ң, and Russian
without ё. Search and the directory compare folded text with a folded query, so "тутугу"
finds "түтүгү" and "кенеш" finds "кеңеш". Folding keeps every character in place (one in,
one out), so a position found in the folded text marks the same letters in the original.
"""

import re

FOLDED_LETTERS = {"ө": "о", "ү": "у", "ң": "н", "ӊ": "н", "ё": "е"}  # ӊ: an older form of ң
_TABLE = str.maketrans(FOLDED_LETTERS)
# The same folding in SQL (migration portal/0007): lower() first, then these letters; capitals
# too, for a database whose locale lowers only Latin letters.
SQL_FROM = "".join(FOLDED_LETTERS) + "".join(FOLDED_LETTERS).upper()
SQL_TO = "".join(FOLDED_LETTERS.values()) * 2

WORD = re.compile(r"\w+")
MIN_WORD = 2
MAX_WORD = 40
# Words this long or longer forgive slips: one or two letters wrong, missing, extra or swapped.
FORGIVING_FROM = 5
MAX_SLIPS = 2


def fold(text: str) -> str:
    """Lower case with Kyrgyz and ё folded; the result has the same length as the text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (e.g. "İ") grow when lowered
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_TABLE)


def squeeze(text: str) -> str:
    """Folded, with runs of white space as one space: how stored search columns keep text."""
    return " ".join(fold(text).split())


def words(text: str) -> list[str]:
    """The folded words of a text, as the index and the lexicon keep them."""
    return [
        w for w in WORD.findall(fold(text)) if MIN_WORD <= len(w) <= MAX_WORD and not w.isdigit()
    ]


def slips(a: str, b: str, limit: int = MAX_SLIPS) -> int:
    """Edit distance counting a swap of neighbours as one slip; ``limit + 1`` once past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def closest(word: str, candidates, limit: int = MAX_SLIPS) -> list[str]:
    """The candidates fewest slips away (at most ``limit``), the nearest only.

    Between equally near words, the ones that begin as the typed word does: people get the
    start of a word right more often, and Kyrgyz adds its endings at the end ("Түпкү" is
    "Түп" with an ending, not a slip of "Тепке").
    """
    if len(word) < FORGIVING_FROM:
        return []
    scored = []
    for candidate in candidates:
        if candidate != word:
            distance = slips(word, candidate, limit)
            if distance <= limit:
                scored.append((distance, -_common_start(word, candidate), candidate))
    if not scored:
        return []
    best = min(scored)[:2]
    return sorted(c for d, start, c in scored if (d, start) == best)


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
