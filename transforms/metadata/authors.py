"""Bylines and outlets: who wrote a page and which publication it names as its source.

A byline is a short line opened by a credit phrase ("By", "Written by", "Reporting by", "This
article was written by"). Its names are kept only when they are shaped like people's names
(two to five capitalised words, initials and name particles allowed) and contain no word of
an organisation or a role, so "By The Associated Press" or "By Staff" gives no author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BYLINE_MAX_WORDS = 30
"""A byline line is short; the longest credit sentences ("This article was written by A in
Seoul and B in Tokyo.") stay well under this. Calibrated on dev-pages; tune as a set."""

NAME_MIN_TOKENS = 2
NAME_MAX_TOKENS = 5
"""A person's name has two to five words: single words are too often menu items ("By Myself")."""

_CREDIT = re.compile(
    r"^\(?\s*(?:(?:this|the) (?:article|story|report|column) (?:was|is) "
    r"(?:written|reported|compiled|contributed) by|(?:written|reported|reporting|writing|"
    r"words|story|text|posted) by|by|author|authors)\s*:?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_EXTRA_CREDIT = re.compile(
    r"(?:^\(?\s*|;\s*)(?:reporting|writing) by\s+(?P<rest>[^;]+)", re.IGNORECASE
)
_EMAIL = re.compile(r"[\[(<]?\s*[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)\s*[\])>]?")
_CUT = re.compile(
    r"\s*(?:\||\s[-–—]\s|\b(?:published|updated|posted|last modified)\b|\bon\s+(?=[A-Z0-9])|\d).*$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_PLACE_SUFFIX = re.compile(r"\s+(?:in|from)\s+[A-Z][\w.'’ -]*$")
_STAFF = re.compile(r"^(?:the\s+)?(?P<outlet>.+?)\s+staff(?:\s+(?:writer|reporter)s?)?$", re.I)


def words_of(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set (for word lists)."""
    return frozenset(text.split())


_PARTICLES = words_of("de del della der den di da dos du van von ter la le bin al el ibn")
_NOT_PERSON = words_of(
    """press news agency agencies staff reuters ap afp yonhap xinhua kyodo bloomberg associated
    upi dpa ians pti times post daily herald journal tribune online media desk editor editors
    editorial correspondent correspondents writer writers reporter reporters team board service
    services wire network contributor contributors admin administrator guest comments comment
    share email print the and of for our your my this that company inc ltd corp group channel
    magazine newspaper radio tv television report reports blog blogger anonymous unknown
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday photo photos video
    image images getty via source sources courtesy scientist director president chief officer
    manager engineer founder ceo cto senior vice head analyst professor producer host anchor
    columnist contributing associate executive managing deputy bureau staffer intern
    distinguished fellow partner weekly monthly digest gazette chronicle observer review insider
    america americas africa europe asia latin pacific atlantic middle east west north south
    region international national world global local"""
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z](?:[a-z]+|[a-z]*[A-Z][a-z]+)(?:[-'’][A-Za-z]+)*|[A-Z]\.(?:-?[A-Z]\.)*|[A-Z]|"
    r"O['’][A-Z][a-z]+|Mc[A-Z][a-z]+|(?:Jr|Sr|II|III|IV)\.?)$"
)


@dataclass(frozen=True)
class Byline:
    """People credited by a byline line, plus an outlet or e-mail domain it names."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    email_domains: list[str] = field(default_factory=list)


def natural_case(name: str) -> str:
    """Give an all-upper or all-lower name its natural case: "PARK HYUN-JU" -> "Park Hyun-ju".

    Each word gets one capital; the part after a hyphen stays lower case, as in romanised
    Korean given names, the case the issue asks for.
    """
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or not (name.upper() == name or name.lower() == name):
        return name
    words = []
    for word in name.split():
        word = word.lower()
        word = re.sub(r"^(o['’]|mc)?([a-z])", _capitalize_prefix, word)
        words.append(word if word in _PARTICLES else word[:1].upper() + word[1:])
    return " ".join(words)


def _capitalize_prefix(match: re.Match[str]) -> str:
    return (match[1] or "").capitalize() + match[2].upper()


def is_person_name(name: str) -> bool:
    """True when a string is shaped like a person's name and names no organisation or role."""
    tokens = name.split()
    if not NAME_MIN_TOKENS <= len(tokens) <= NAME_MAX_TOKENS:
        return False
    if tokens[0].lower() in _PARTICLES:
        return False
    for token in tokens:
        low = token.lower().strip(".")
        if low in _NOT_PERSON:
            return False
        if low not in _PARTICLES and not _NAME_TOKEN.match(token):
            return False
    return True


def parse_byline(line: str) -> Byline | None:
    """Read one line as a byline; None when it is not one or credits no person."""
    text = line.strip()
    if not text or len(text.split()) > BYLINE_MAX_WORDS:
        return None
    rests = [m.group("rest") for m in _EXTRA_CREDIT.finditer(text)]
    match = _CREDIT.match(text)
    if match and not rests:
        rests = [match.group("rest")]
    if not rests:
        return None
    domains = [m.group("domain").lower() for m in _EMAIL.finditer(text)]
    authors: list[str] = []
    outlet = None
    for rest in rests:
        names, found_outlet = _names(rest)
        authors.extend(name for name in names if name not in authors)
        outlet = outlet or found_outlet
    if not authors:
        return None
    return Byline(authors=authors, outlet=outlet, email_domains=domains)


def _names(rest: str) -> tuple[list[str], str | None]:
    """Names in the text after a credit phrase, and an outlet named as "<Outlet> staff"."""
    rest = _EMAIL.sub(" ", rest)
    rest = re.sub(r"[\[\]()]", " ", rest).strip(" .;:")
    rest = _CUT.sub("", rest)
    names: list[str] = []
    outlet = None
    for part in _SPLIT.split(rest):
        part = _PLACE_SUFFIX.sub("", part.strip(" .;:"))
        staff = _STAFF.match(part)
        if staff and names:
            outlet = staff.group("outlet")
            continue
        name = natural_case(part)
        if is_person_name(name):
            names.append(name)
        elif not names:
            return [], None
        else:
            break  # a role or place ends the list: "By A, Staff Writer, Region"
    return names, outlet


_OUTLET_NAME = (
    r"(?P<name>(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|&\s+|and\s+)?[A-Z][\w&.'’-]*){0,5})"
)
_SOURCE_LINE = re.compile(
    rf"^\((?:[A-Za-z]+\s+){{0,3}}from\s+(?:the\s+)?{_OUTLET_NAME}(?:\s*,?\s+on\s+[^)]*)?\)\.?$"
)
"""A parenthesised source line: "(EDITORIAL from Example Herald on June 16)"."""

_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d{{2}}(?:\s*[-–]\s*(?:19|20)\d{{2}})?,?\s+)"
    rf"(?:by\s+)?{_OUTLET_NAME}",
    re.IGNORECASE,
)
"""A copyright notice with a year: "© 2022 Example Herald", "Copyright 2011 Example Media"."""

COPYRIGHT_MAX_WORDS = 20
"""Copyright notices are short footer lines; longer lines are captions or prose."""


def source_line_outlet(line: str) -> str | None:
    """The outlet a parenthesised source line credits, or None."""
    match = _SOURCE_LINE.match(line.strip())
    return match.group("name") if match else None


def copyright_outlet(line: str) -> str | None:
    """The holder of a short copyright notice with a year, or None."""
    if len(line.split()) > COPYRIGHT_MAX_WORDS:
        return None
    match = _COPYRIGHT.search(line)
    if not match:
        return None
    name = re.split(r"\s+(?:All|Inc\b|LLC|Ltd\b)|\.\s", match.group("name"))[0].strip(" .,")
    return name if len(name) > 2 else None


def domain_outlet(domains: list[str], lines: list[str]) -> str | None:
    """A capitalised name in the given lines that spells an e-mail domain's label.

    A byline e-mail such as name@examplenews.co.kr names the outlet only as a domain; the page
    itself spells the name ("the Example News Daily") somewhere in its furniture.
    """
    labels = {d.split(".")[0] for d in domains if not d.startswith(("gmail", "yahoo", "hotmail"))}
    phrase = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")
    for line in lines:
        for match in phrase.finditer(line):
            words = [w.lower() for w in match.group(0).split()]
            if any(w in labels for w in words):
                return match.group(0)
    return None
