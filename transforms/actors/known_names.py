"""Entity-ruler patterns for the armed groups, state forces and news organisations that the
actor vocabulary knows by name (``agents.tsv`` rows of use ``name``).

Why: the small English model often misreads them ("Islamic" NORP in "Islamic State members",
"Boko Haram" and "Houthis" PERSON), and a misread name loses the agent and country the
vocabulary gives it. The patterns run in ``newsetl_ruler``, before the NER, which then keeps
them. They are phrases matched on the exact text, as the names are written: every word but a
joiner capitalised ("Boko Haram", "al-Shabaab"), a short name only in capitals ("IDF",
"HTS": "Eln" or "Hts" is never written), never a lower-case phrase. (Token patterns with
case tests cost six times the whole ruler's time.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from transforms.actors import agents

RULED_AGENTS = frozenset({"REB", "MIL", "MED"})
"""Agents of the named rows the ruler labels: the names the NER misreads. International
bodies, parties and companies it reads well enough, and a ruler would split the longer names
it finds ("UN Security Council")."""
NOT_RULED = frozenset({"wagner", "bloomberg", "guardian", "isis"})
"""Names that are as often a person's or a word ("Richard Wagner", "Michael Bloomberg", "a
guardian", the goddess Isis): left to the NER, which tells them apart by context."""
JOINERS = frozenset({"of", "the", "for", "and", "al", "el", "e", "de", "bin", "ibn"})
"""Words of a name that may be written in lower case ("al-Shabaab", "Hayat Tahrir al-Sham")."""
CAPITALS_ONLY_LETTERS = 4
"""Longest one-word name matched only in capitals: an acronym ("IDF", "IRGC")."""
LABEL = "ORG"


def ruled_names() -> list[str]:
    """The vocabulary's names the ruler labels, in file order."""
    return [lemma for lemma, uses in agents.vocabulary().items()
            if (row := uses.get("name")) and row.agent in RULED_AGENTS
            and lemma not in NOT_RULED]


def patterns(make_doc: Callable[[str], Doc], names: Iterable[str] | None = None) -> list[dict]:
    """Entity-ruler phrase patterns (matched on exact text, which is fast) for ``names``
    (default :func:`ruled_names`), tokenised by ``make_doc`` as the pipeline tokenises text:
    the name with its words capitalised, joiners in lower case or capitalised (a name opening
    a sentence), and in capitals."""
    out = []
    for name in ruled_names() if names is None else names:
        words = [t.text_with_ws for t in make_doc(name)]
        if len(words) == 1 and len(name) <= CAPITALS_ONLY_LETTERS:
            forms = {name.upper()}
        else:
            forms = {"".join(_written(w, joiner_case) for w in words)
                     for joiner_case in (str.lower, _capitalised)} | {name.upper()}
        out += [{"label": LABEL, "pattern": form} for form in sorted(forms)]
    return out


def _written(word: str, joiner_case: Callable[[str], str]) -> str:
    if word.strip() in JOINERS:
        return joiner_case(word)
    return _capitalised(word)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]
