"""Synthetic per-document rows for the load-stage benchmark (bench/load_bench.py): no spaCy.

Each document is a pure function of (seed, index, version), written in exactly the schemas
the clean and extract stages stage (``warehouse.schema.STATE`` pages, doc_mentions,
doc_quotes, doc_events, doc_terms; ``TABLES`` removed_lines), so the real load stage reads
them as it reads a real run's.

The shape follows what the extract stage gives on news (ecbplus-dev: 27 mentions, 3.5 event
mentions, 100 terms per document), a little lighter so that a million documents fit on a
laptop's disk: about 9 document-local entities and 20 mentions, 3 event mentions, 1 quote and
60 terms per document.

- **Time.** Document ``i`` of ``n`` is published on day ``i / n`` of :data:`DAYS` (an archive
  that grew over about three years), jittered by a few days; :data:`UNDATED` of pages have no
  date. Added documents (``i >= n``) are the newest.
- **Stories.** Consecutive documents are grouped in windows of :data:`WINDOW`, each split
  into one to three stories; a story has a date, a PLOVER type or two, two to four core
  actors and a topic; its documents name its actors, report its events (dated exactly, to
  the month, the year, undated, or with an unresolvable "on Thursday") and use its topic's
  words.
- **Names** are drawn Zipf-like (exponent :data:`ZIPF`) from pools of people (first x last
  names), organisations (with acronyms) and places ("South Korea", "S. Korea", "Korea"),
  with short forms (a bare surname), acronym-only mentions, abbreviations and one-letter
  misspellings, so every rule of the entity resolver has work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator

START = dt.date(2021, 1, 1)
DAYS = 3 * 365
"""The archive spans about three years."""
UNDATED = 0.15
"""Share of pages without a publication date."""
WINDOW = 8
"""Consecutive documents that share one to three stories."""
ZIPF = 1.1
"""Exponent of the Zipf-like name and word draws."""
N_PEOPLE, N_ORGS, N_PLACES, N_TOPICS, N_WORDS = 60_000, 8_000, 1_500, 3_000, 40_000
"""Pool sizes (distinct people, organisations, places, topics, background words)."""

EVENT_TYPES = ("ASSAULT", "ACCUSE", "AGREE", "REQUEST", "SANCTION", "SUPPORT", "AID",
               "RETREAT", "CONSULT", "COOPERATE", "REJECT", "THREATEN", "COERCE", "CONCEDE",
               "MOBILIZE", "PROTEST")
"""PLOVER types, in ecbplus-dev's order of frequency (the draw favours the first)."""
SYLLABLES = ("ka", "ri", "to", "mo", "na", "lee", "san", "vor", "del", "ben", "gar", "su",
             "min", "ash", "ol", "ter", "yan", "pa", "qu", "zel", "dor", "ix", "han", "el")
ORG_HEADS = ("Ministry", "Council", "Party", "Bank", "Agency", "Corporation", "Union",
             "Institute", "Court", "Front", "Committee", "Group")
PLACE_PREFIX = ("North", "South", "East", "West", "New", "Upper")
GENERIC = (("police", "Police", "ORG", "COP"), ("protesters", "Protester", "PERSON", "OPP"),
           ("the government", "Government", "ORG", "GOV"), ("officials", "Government", "ORG",
           "GOV"), ("soldiers", "Military", "ORG", "MIL"), ("a gunman", "Gunman", "PERSON",
           "CRM"))
COUNTRIES = ("USA", "KOR", "JPN", "ISR", "FRA", "DEU", "GBR", "CHN", "IND", "BRA", None)


def _word(k: int, salt: str) -> str:
    """A pronounceable word, a pure function of ``k``."""
    h = int(hashlib.blake2b(f"{salt}{k}".encode(), digest_size=8).hexdigest(), 16)
    return "".join(SYLLABLES[(h >> (5 * j)) % len(SYLLABLES)] for j in range(2 + h % 2))


def _zipf(rng: random.Random, n: int) -> int:
    """A rank in [0, n), Zipf-like: rank r drawn with weight about 1 / (r + 1) ** ZIPF."""
    u = rng.random()
    # inverse CDF of the continuous power law on [1, n + 1]
    a = 1.0 - ZIPF
    r = ((((n + 1) ** a - 1.0) * u + 1.0) ** (1.0 / a)) - 1.0
    return min(n - 1, int(r))


def person(k: int) -> tuple[str, str]:
    """(first, last) name of person ``k``."""
    return _word(k % 997, "f").title(), _word(k // 3, "l").title()


def org(k: int) -> str:
    return f"{_word(k, 'o').title()} {_word(k // 2, 'p').title()} {ORG_HEADS[k % len(ORG_HEADS)]}"


def place(k: int) -> str:
    base = _word(k // 4, "g").title()
    return base if k % 4 == 0 else f"{PLACE_PREFIX[k % len(PLACE_PREFIX)]} {base}"


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split()).upper()


def doc_id_for(source_path: str) -> str:
    """newsetl.stages.clean.doc_id_for (kept in step here so this module needs no newsetl)."""
    return hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:16]


def document_sha(seed: int, i: int, version: int) -> str:
    """The content hash of document ``i`` at ``version`` (a new version, a new hash)."""
    return hashlib.sha256(f"{seed}:{i}:{version}".encode()).hexdigest()


def source_path(i: int) -> str:
    return f"/bench/pages/{i // 1000:04d}/{i:07d}.txt"


def published(i: int, n: int, rng: random.Random) -> dt.date | None:
    if rng.random() < UNDATED:
        return None
    day = int(DAYS * min(i, n + n // 100) / max(n, 1)) + rng.randint(-3, 3)
    return START + dt.timedelta(days=max(0, day))


class _Story:
    def __init__(self, seed: int, window: int, k: int, n: int):
        rng = random.Random(f"story:{seed}:{window}:{k}")
        self.date = START + dt.timedelta(days=int(DAYS * window * WINDOW / max(n, 1))
                                         + rng.randint(-10, 3))
        self.types = [EVENT_TYPES[_zipf(rng, len(EVENT_TYPES))] for _ in range(rng.randint(1, 2))]
        self.actors = [self._actor(rng) for _ in range(rng.randint(2, 4))]
        self.topic = _zipf(rng, N_TOPICS)
        self.words = [f"{_word(window, 's')}{j}" for j in range(3)] + [str(rng.randint(2, 999))]

    @staticmethod
    def _actor(rng: random.Random) -> tuple[str, int]:
        kind = rng.random()
        if kind < 0.5:
            return "PERSON", _zipf(rng, N_PEOPLE)
        if kind < 0.8:
            return "ORG", _zipf(rng, N_ORGS)
        return "GPE", _zipf(rng, N_PLACES)


def _stories_of(seed: int, i: int, n: int) -> list[_Story]:
    window = i // WINDOW
    rng = random.Random(f"window:{seed}:{window}")
    return [_Story(seed, window, k, n) for k in range(rng.randint(1, 3))]


def _body_words(rng: random.Random, count: int) -> str:
    return " ".join(_word(_zipf(rng, N_WORDS), "w") for _ in range(count))


def document(seed: int, i: int, n: int, version: int = 0, run_id: str = "r0") -> dict:
    """All per-document rows of document ``i`` (a dict of table name -> list of rows)."""
    rng = random.Random(f"doc:{seed}:{i}:{version}")
    path = source_path(i)
    doc_id = doc_id_for(path)
    stories = _stories_of(seed, i, n)
    story = stories[rng.randrange(len(stories))]
    day = published(i, n, rng)
    locals_: list[tuple[str, str, list[str], bool, str | None, str | None]] = []
    # (label, name, mention texts, generic, country, agent)
    actors = [a for a in story.actors if rng.random() < 0.85] or story.actors[:1]
    background = [_Story._actor(rng) for _ in range(rng.randint(3, 7))]
    seen: set[tuple[str, int]] = set()
    for label, k in actors + background:
        if (label, k) in seen:
            continue
        seen.add((label, k))
        locals_.append(_local(rng, label, k))
    for text, name, label, agent in rng.sample(GENERIC, rng.randint(0, 2)):
        locals_.append((label, name, [text] * rng.randint(1, 2), True, None, agent))
    mentions, offset, body_parts = [], 0, []
    for cluster, (label, name, texts, generic, country, agent) in enumerate(locals_):
        for text in texts:
            filler = _body_words(rng, rng.randint(3, 8)) + " "
            start = offset + len(filler)
            body_parts.append(filler + text + ". ")
            offset += len(filler) + len(text) + 2
            mentions.append({
                "doc_id": doc_id, "start": start, "end": start + len(text), "text": text,
                "label": label, "cluster": cluster, "name": name, "generic": generic,
                "country": country, "agent": agent,
                "geonames_id": (1000 + int(doc_id_for(name), 16) % 100000
                                if label == "GPE" else None),
                "latitude": 10.0 if label == "GPE" else None,
                "longitude": 20.0 if label == "GPE" else None})
    body = "".join(body_parts)
    n_story = len(actors)
    events = [_event(rng, doc_id, story, n_story, len(locals_), body) for _ in
              range(rng.choice((0, 1, 2, 3, 3, 4, 5, 6)))]
    persons = [c for c, loc in enumerate(locals_) if loc[0] == "PERSON" and not loc[3]]
    quotes = [{"doc_id": doc_id, "start": 0, "end": 20, "text": _body_words(rng, 6),
               "speaker_text": locals_[c][2][0], "speaker_cluster": c}
              for c in rng.sample(persons, min(len(persons), rng.randint(0, 2)))]
    title = " ".join(story.words[:2] + [_word(story.topic, "t")])
    sha = document_sha(seed, i, version)
    return {
        "pages": [{"doc_id": doc_id, "source_path": path, "content_sha256": sha,
                   "title": title, "authors": [], "outlet": f"Outlet {i % 40}",
                   "dateline": None, "published": day,
                   "published_source": "stated" if day else None, "body": body,
                   "language": "en", "run_id": run_id}],
        "removed_lines": [{"doc_id": doc_id, "line_no": k + 1, "text": f"Share {k}",
                           "reason": "widget"} for k in range(2)],
        "doc_mentions": mentions,
        "doc_quotes": quotes,
        "doc_events": events,
        "doc_terms": [_terms(rng, doc_id, story, locals_, title, day)],
    }


def _local(rng: random.Random, label: str, k: int) -> tuple:
    """One document-local entity of actor ``k``: its fullest name and its mention texts."""
    country = COUNTRIES[k % len(COUNTRIES)]
    if label == "PERSON":
        first, last = person(k)
        if rng.random() < 0.02:  # a one-letter misspelling of the surname
            j = rng.randrange(1, len(last))
            last = last[:j] + rng.choice("aeiouy") + last[j + 1:]
        full = f"{first} {last}"
        if rng.random() < 0.05:  # the document names the person by surname only
            return label, last, [last] * rng.randint(1, 3), False, country, "CVL"
        return label, full, [full] + [last] * rng.randint(0, 3), False, country, "CVL"
    if label == "ORG":
        name = org(k)
        if rng.random() < 0.05:
            acro = _acronym(name)
            return label, acro, [acro] * rng.randint(1, 2), False, country, "GOV"
        extra = [_acronym(name)] if rng.random() < 0.3 else []
        return label, name, [name] * rng.randint(1, 2) + extra, False, country, "GOV"
    name = place(k)
    if " " in name and rng.random() < 0.03:
        words = name.split()
        name = f"{words[0][0]}. {words[1]}"
    elif " " in name and rng.random() < 0.05:
        name = name.split()[-1]  # "Korea" for "South Korea"
    return label, name, [name] * rng.randint(1, 3), False, country, None


def _event(rng: random.Random, doc_id: str, story: _Story, n_story: int, n_locals: int,
           body: str) -> dict:
    kind = rng.random()
    date_text = None
    if kind < 0.35:
        date, date_text = story.date.isoformat(), story.date.strftime("%B %d, %Y")
    elif kind < 0.45:
        date, date_text = story.date.isoformat()[:7], story.date.strftime("%B %Y")
    elif kind < 0.5:
        date, date_text = story.date.isoformat()[:4], str(story.date.year)
    elif kind < 0.6:
        date, date_text = None, "on Thursday"
    else:
        date = None
    own = list(range(n_story))
    parts = rng.sample(own, min(len(own), rng.randint(1, 3))) if own else []
    if rng.random() < 0.2 and n_locals > n_story:  # a bystander of the document
        parts.append(rng.randrange(n_story, n_locals))
    roles = ["source", "target"] + ["other"] * 3
    start = rng.randrange(0, max(1, len(body) - 120))
    return {
        "doc_id": doc_id, "start": start, "end": start + 100, "sentence": body[start:start + 100],
        "trigger": story.types[0].lower(), "type": rng.choice(story.types),
        "modality": rng.choices(("occurred", "planned", "denied", "hoped", "possible"),
                                (80, 10, 5, 3, 2))[0],
        "date": date, "date_text": date_text,
        "tense": rng.choice(("past", "past", "present", "future", None)),
        "context_year": None, "location": None, "location_start": None,
        "location_end": None, "location_cluster": None, "mode": None,
        "participants": [{"cluster": c, "role": roles[min(j, 4)], "text": None}
                         for j, c in enumerate(parts)],
    }


def _terms(rng: random.Random, doc_id: str, story: _Story, locals_: list, title: str,
           day: dt.date | None) -> dict:
    counts: dict[str, float] = {}
    for w in title.split():
        counts[w] = counts.get(w, 0.0) + 2.0
    topic = random.Random(f"topic:{story.topic}")
    topic_words = [_word(topic.randrange(N_WORDS), "w") for _ in range(40)]
    for w in story.words:
        counts[w] = counts.get(w, 0.0) + rng.randint(1, 3)
    for _ in range(25):
        w = topic_words[_zipf(rng, len(topic_words))]
        counts[w] = counts.get(w, 0.0) + 1.0
    for _ in range(35):
        w = _word(_zipf(rng, N_WORDS), "w")
        counts[w] = counts.get(w, 0.0) + 1.0
    return {"doc_id": doc_id, "terms": list(counts), "weights": list(counts.values()),
            "dates": [day] if day else [story.date]}


def documents(seed: int, indices: list[int], n: int, versions: dict[int, int] | None = None,
              run_id: str = "r0") -> Iterator[dict]:
    """:func:`document` of each index (``versions`` gives a changed document's version)."""
    versions = versions or {}
    for i in indices:
        yield document(seed, i, n, versions.get(i, 0), run_id)


def change_set(seed: int, n: int, fraction: float = 0.01) -> tuple[list[int], list[int],
                                                                   list[int]]:
    """(added, changed, removed) indices of a ``fraction`` change of ``n`` documents: half
    new pages (the newest, indices from ``n``), three tenths rewritten and two tenths gone
    (anywhere in the archive)."""
    total = max(3, round(n * fraction))
    rng = random.Random(f"change:{seed}:{n}")
    n_add, n_change = total // 2, (3 * total) // 10
    picked = rng.sample(range(n), total - n_add)
    return list(range(n, n + n_add)), sorted(picked[:n_change]), sorted(picked[n_change:])
