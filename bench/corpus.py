"""Deterministic benchmark corpus: new news pages recombined from the bundled sample.

The benchmark needs thousands of pages that look like scraped news (a title, a date line, a
byline, body paragraphs, and boilerplate around them) without shipping any. This module takes
the bundled sample (``corpus/sample/*.txt``) apart once (:func:`harvest`): the cleaner
(``transforms.clean.page.process``) gives its body paragraphs and its removed lines (navigation,
captions, share widgets, comments, related links), and spaCy NER gives its person names and
places. :func:`generate` then writes N pages, each a random choice of paragraphs in random order
with names, places and dates swapped, wrapped in boilerplate lines taken from the sample or
from the generic lists below.

Everything is a pure function of the seed and the page number (``random.Random`` seeded with a
string, which does not depend on ``PYTHONHASHSEED``), so page ``i`` is the same whatever N is:
the corpus of 1,000 pages is a prefix of the corpus of 10,000. The harvest depends on the
cleaner and the model, so a cleaner change can change the corpus; :func:`digest` fingerprints
a corpus so that benchmark results say which one they measured.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from transforms.clean import page as page_transform

MIN_PARAGRAPHS = 4
"""Fewest body paragraphs in a generated page (the sample's shortest body has 7)."""
MAX_PARAGRAPHS = 12
"""Most body paragraphs in a generated page (the sample's longest body has 18)."""
CAPTION_P = 0.3
"""Chance of a photo caption after each body paragraph but the last."""
YEARS = (2015, 2024)
"""Range of the page's own publication year; body years move with it."""
MIN_PLACE_SHARE = 0.5
"""Share of a string's stand-alone mentions that NER must tag as GPE/LOC for it to be swapped
as a place (chosen by hand on the sample: drops 'Gsomia', keeps 'Korea')."""
MAX_ATTEMPTS = 20
"""Redraws of a page whose text equals an earlier page's before giving up."""

TOP_LINES = ("Skip to main content", "Menu", "Search", "Subscribe", "Sign in",
             "Home > World > Asia", "Latest | Politics | Business | Opinion | Video")
"""Generic navigation lines for the top of a page."""
SHARE_LINES = ("Share this article", "Share on Facebook", "Share on X", "Email this story",
               "Print", "Copy link", "Advertisement")
"""Generic share and widget lines."""
RELATED_LINES = ("Related stories", "Most read", "Recommended for you", "More from {place}",
                 "Read more: {title}")
"""Generic related-link lines; ``{place}`` and ``{title}`` are filled per page."""
COMMENT_LINES = ("Comments", "Leave a comment", "Be the first to comment",
                 "Log in to join the discussion", "{n} comments", "Report this comment")
"""Generic comment-section lines; ``{n}`` is filled per page."""
CAPTION_LINES = ("{person} speaks to reporters in {place}. (AP Photo)",
                 "Officials meet in {place} on {date}. (Reuters)",
                 "{person}, left, and {other} at a news conference. [YONHAP]")
"""Generic photo captions, filled per page."""
FOOTER_LINES = ("Copyright {year} News Service. All rights reserved.",
                "Terms of use | Privacy policy | Contact us")
"""Generic page footers."""

KINDS = {"navigation": "top", "widget": "share", "related-link": "related",
         "boilerplate": "related", "comments": "comments", "caption": "caption",
         "title": "title"}
"""Cleaner removal reasons -> the slot of a generated page they fill (others are dropped:
bylines and date lines are written fresh per page)."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(rf"\b(?P<md>{_MONTH_RE}\s+\d{{1,2}})\b|\b(?P<year>(?:19[5-9]|20[0-4])\d)\b"
                   rf"|\b(?P<wd>{'|'.join(_WEEKDAYS)})\b")
_NAME = re.compile(r"[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+)*(?: [A-Z][a-z]+(?:-[a-z]+)?)*")
"""A mixed-case name or place: keeps NER spans like 'Moon Jae-in', drops 'SEOUL', 'ICBMs'."""
_POSSESSIVE = re.compile(r"(?:'s|’s|-)$")
_LEADING_THE = re.compile(r"^[Tt]he ")


@dataclass(frozen=True)
class Parts:
    """The pieces of the sample a generated page is assembled from."""

    paragraphs: list[str]
    titles: list[str]
    persons: list[str]
    places: list[str]
    lines: dict[str, list[str]] = field(default_factory=dict)
    """Boilerplate lines by slot: top, share, related, comments, caption."""


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page: its text, and which of its lines are body and which boilerplate."""

    text: str
    body: list[str]
    boilerplate: list[str]


def harvest(sample_dir: Path, nlp) -> Parts:
    """Take the sample pages apart into paragraphs, titles, boilerplate lines, names, places.

    Args:
        sample_dir: Folder of ``*.txt`` sample pages.
        nlp: Any spaCy pipeline with an ``ner`` component (names and places come from it).
    """
    paragraphs: list[str] = []
    lines: dict[str, list[str]] = {kind: [] for kind in set(KINDS.values())}
    for path in sorted(sample_dir.glob("*.txt")):
        cleaned = page_transform.process(path.read_text(encoding="utf-8"))
        paragraphs += [p.strip() for p in cleaned.body.split("\n\n") if p.strip()]
        for removed in cleaned.removed:
            kind = KINDS.get(removed.reason)
            if kind and len(removed.text.strip()) >= 3:
                lines[kind].append(removed.text.strip())
    persons, places = _names(nlp, paragraphs)
    unique = {kind: list(dict.fromkeys(found)) for kind, found in lines.items()}
    return Parts(paragraphs=list(dict.fromkeys(paragraphs)), titles=unique.pop("title"),
                 persons=persons, places=places, lines=unique)


def _names(nlp, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Person names and places that NER finds in the paragraphs, cleaned and sorted.

    A string is kept as a place only when NER tags at least ``MIN_PLACE_SHARE`` of its
    stand-alone mentions as a place, which drops one-off tagging slips (an acronym read as GPE).
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in nlp.pipe(paragraphs):
        for ent in doc.ents:
            text = _LEADING_THE.sub("", _POSSESSIVE.sub("", ent.text.strip()))
            if _NAME.fullmatch(text):
                labels[text][ent.label_] += 1
    persons = sorted(t for t, c in labels.items() if c["PERSON"])
    tagged = {t: c["GPE"] + c["LOC"] for t, c in labels.items() if c["GPE"] + c["LOC"]}
    mentions = Counter(m.group(0) for p in paragraphs for m in _alternation(tagged).finditer(p))
    places = sorted(t for t, n in tagged.items()
                    if t not in persons and n >= MIN_PLACE_SHARE * mentions[t])
    return persons, places


def _alternation(strings: Iterable[str]) -> re.Pattern:
    """A pattern matching any of the strings as whole words, longest first."""
    ordered = sorted(set(strings), key=lambda s: (-len(s), s))
    alternation = "|".join(re.escape(s) for s in ordered) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


class Swapper:
    """Swaps names, places and dates in text by a per-page mapping.

    The pattern over every known name and place is compiled once; each page draws its own
    mapping (:meth:`draw`), so two pages built from the same paragraph differ.
    """

    def __init__(self, parts: Parts):
        self.parts = parts
        full = [p.split() for p in parts.persons if " " in p]
        self.firsts = sorted({words[0] for words in full})
        self.lasts = sorted({words[-1] for words in full})
        self.pattern = _alternation(parts.persons + parts.places)

    def draw(self, rng: random.Random) -> dict[str, str]:
        """A mapping for one page: each person and place to a recombined or other one."""
        full = [p for p in self.parts.persons if " " in p]
        mapping = {p: f"{rng.choice(self.firsts)} {rng.choice(self.lasts)}" for p in full}
        for single in (p for p in self.parts.persons if " " not in p):
            mapping[single] = self._short(single, full, mapping, rng)
        shuffled = rng.sample(self.parts.places, len(self.parts.places))
        mapping.update(zip(self.parts.places, shuffled, strict=True))
        return mapping

    def _short(self, single: str, full: list[str], mapping: dict[str, str],
               rng: random.Random) -> str:
        """A one-word name follows its full name ('Park' of 'Park Jin' -> first word of the
        new name; 'Blinken' of 'Antony Blinken' -> its last word), else a random surname."""
        for name in full:
            words = name.split()
            if single in words:
                new = mapping[name].split()
                return new[0] if words.index(single) == 0 else new[-1]
        return rng.choice(self.lasts) if self.lasts else single

    def apply(self, text: str, mapping: dict[str, str], rng: random.Random, year: int) -> str:
        """Swap names and places by ``mapping``, and move the dates of ``text``."""
        text = self.pattern.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
        return _DATE.sub(lambda m: _new_date(m, rng, year), text)


def _new_date(match: re.Match, rng: random.Random, year: int) -> str:
    """A replacement for one date mention: another day, a year moved with the page, a weekday."""
    if match.group("md"):
        return f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}"
    if match.group("year"):
        return str(year - rng.randint(0, 6))
    return rng.choice(_WEEKDAYS)


def render(parts: Parts, swapper: Swapper, rng: random.Random) -> GeneratedPage:
    """Assemble one page: top boilerplate, title, date line and byline, body with captions,
    then share, related and comment lines in random order, and a footer."""
    year = rng.randint(*YEARS)
    mapping = swapper.draw(rng)
    fill = _filler(parts, swapper, rng, year)
    k = rng.randint(MIN_PARAGRAPHS, min(MAX_PARAGRAPHS, len(parts.paragraphs)))
    body = [swapper.apply(p, mapping, rng, year) for p in rng.sample(parts.paragraphs, k)]
    title = swapper.apply(rng.choice(parts.titles), mapping, rng, year) if parts.titles else ""
    head = [f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {year}", f"By {fill['person']}"]
    blocks = [_pick(rng, parts.lines.get("top", []), TOP_LINES, 1, 3, fill), [title],
              rng.sample(head, rng.randint(1, 2))]
    for i, paragraph in enumerate(body):
        blocks.append([paragraph])
        if i < len(body) - 1 and rng.random() < CAPTION_P:
            blocks.append([_caption(parts, swapper, mapping, rng, year, fill)])
    blocks += _tail(parts, rng, fill)
    text = "\n\n".join("\n".join(block) for block in blocks if block) + "\n"
    boilerplate = [line for block in blocks for line in block if line not in body]
    return GeneratedPage(text=text, body=body, boilerplate=boilerplate)


def _tail(parts: Parts, rng: random.Random, fill: dict[str, str]) -> list[list[str]]:
    """Share, related-link and comment blocks in random order, then a footer line."""
    tail = [_pick(rng, parts.lines.get(kind, []), generic, 1, 3, fill)
            for kind, generic in (("share", SHARE_LINES), ("related", RELATED_LINES),
                                  ("comments", COMMENT_LINES))]
    return rng.sample(tail, len(tail)) + [[rng.choice(FOOTER_LINES).format(**fill)]]


def _filler(parts: Parts, swapper: Swapper, rng: random.Random, year: int) -> dict[str, str]:
    """Values for the placeholders of the generic lines of one page."""
    firsts, lasts = swapper.firsts or ["Alex"], swapper.lasts or ["Kim"]
    return {"person": f"{rng.choice(firsts)} {rng.choice(lasts)}",
            "other": f"{rng.choice(firsts)} {rng.choice(lasts)}",
            "place": rng.choice(parts.places) if parts.places else "the region",
            "title": rng.choice(parts.titles) if parts.titles else "World news",
            "date": f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}",
            "n": str(rng.randint(0, 400)), "year": str(year)}


def _pick(rng: random.Random, found: list[str], generic: Iterable[str], low: int, high: int,
          fill: dict[str, str]) -> list[str]:
    """Between ``low`` and ``high`` lines drawn from the sample's and the generic lines."""
    pool = list(found) + [line.format(**fill) for line in generic]
    return rng.sample(pool, min(len(pool), rng.randint(low, high)))


def _caption(parts: Parts, swapper: Swapper, mapping: dict[str, str], rng: random.Random,
             year: int, fill: dict[str, str]) -> str:
    """A photo caption: a sample caption with swaps, or a generic one."""
    found = parts.lines.get("caption", [])
    if found and rng.random() < 0.5:
        return swapper.apply(rng.choice(found), mapping, rng, year)
    return rng.choice(CAPTION_LINES).format(**fill)


def page_rng(seed: int, index: int, attempt: int = 0, salt: str = "") -> random.Random:
    """The random source of one page: a pure function of seed, page number and attempt."""
    return random.Random(f"newsetl-bench/{seed}/{index}/{attempt}/{salt}")


def generate(parts: Parts, n: int, seed: int, out_dir: Path) -> list[Path]:
    """Write ``n`` distinct pages as ``page_000000.txt``... into ``out_dir``; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    swapper = Swapper(parts)
    seen: set[str] = set()
    paths: list[Path] = []
    for index in range(n):
        text = _distinct(parts, swapper, seen, seed, index, "")
        path = out_dir / f"page_{index:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _distinct(parts: Parts, swapper: Swapper, seen: set[str], seed: int, index: int,
              salt: str) -> str:
    """The first drawing of page ``index`` whose text is not in ``seen`` (then added to it)."""
    for attempt in range(MAX_ATTEMPTS):
        text = render(parts, swapper, page_rng(seed, index, attempt, salt)).text
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in seen:
            seen.add(key)
            return text
    raise RuntimeError(f"page {index}: no distinct text in {MAX_ATTEMPTS} attempts")


def change(parts: Parts, paths: list[Path], fraction: float, seed: int) -> list[Path]:
    """Rewrite ``fraction`` of the pages (at least one) as new pages; return the ones changed.

    Which pages change, and into what, depends only on the seed and the number of pages.
    """
    k = max(1, round(len(paths) * fraction))
    chosen = sorted(random.Random(f"newsetl-bench/change/{seed}/{len(paths)}")
                    .sample(range(len(paths)), k))
    swapper = Swapper(parts)
    seen = {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    for index in chosen:
        text = _distinct(parts, swapper, seen, seed, index, "changed")
        paths[index].write_text(text, encoding="utf-8")
    return [paths[i] for i in chosen]


def digest(paths: Iterable[Path]) -> str:
    """A short fingerprint of a corpus (file names and contents), to tell corpora apart."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]
