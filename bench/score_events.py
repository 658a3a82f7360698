"""Score cross-document event dedup against the ECB+ event chains (calibration, issue 5).

Reads a warehouse built from the ECB+ development texts and the gold chains in
``<gold>/gold/events.json`` and ``<gold>/gold/stories.json`` (never copied into the project)::

    newsetl run --input ../shared/corpus/ecbplus-dev/docs --warehouse /tmp/ecb
    .venv/bin/python bench/score_events.py --warehouse /tmp/ecb [--gold DIR] [--verbose]

Alignment: each gold mention's sentence (one line of the source file) is looked up in the
document's clean body, which places its trigger at body offsets; a warehouse event mention
(``start``/``end`` = its sentence in the body) aligns to the gold mention whose trigger span
overlaps an occurrence of its ``trigger`` word in that sentence. Only sentences the gold
annotated exhaustively (``validated``) count, unless ``--all-sentences``.

Over aligned mentions, pairs in different documents are scored: pairwise precision/recall of
"same event" (same ``event_id`` vs same gold chain) and a cross-document B-cubed (each
mention's cluster is itself plus the cluster's mentions in other documents). False merges
across gold stories (different topic, or same topic but the other happening) are counted over
all warehouse event mentions, aligned or not, since the gold story of every document is known.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import duckdb

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ecbplus-dev"
"""../shared/corpus/ecbplus-dev next to the checkout (the layout of /work)."""


def stem(path: str) -> str:
    """'…/docs/1_2_10.txt' -> '1_2_10' (the evaluation key; the pipeline never sees it)."""
    return Path(path).stem


def read_warehouse(wdir: Path) -> tuple[dict[str, str], dict[str, str], list[dict]]:
    """doc_id -> stem, stem -> body, and the event mentions (with their stem)."""
    con = duckdb.connect(str(wdir / "news.duckdb"), read_only=True)
    try:
        docs = con.execute("SELECT doc_id, source_path, body FROM documents").fetchall()
        cols = ["doc_id", "event_id", "start", "end", "trigger"]
        rows = con.execute('SELECT doc_id, event_id, start, "end", trigger FROM event_mentions'
                           ).fetchall()
    finally:
        con.close()
    key = {d: stem(p) for d, p, _ in docs}
    mentions = [dict(zip(cols, r, strict=True)) | {"doc": key[r[0]]} for r in rows]
    return key, {stem(p): b or "" for _, p, b in docs}, mentions


def gold_spans(chains: list[dict], bodies: dict[str, str],
               all_sentences: bool) -> tuple[list[dict], set[tuple[str, int, int]]]:
    """Gold mentions placed in the bodies (with body offsets ``gs``/``ge``) and the body
    spans of the sentences that count (found in the body)."""
    out, sentences = [], set()
    for ch in chains:
        for m in ch["mentions"]:
            body = bodies.get(m["doc"], "")
            at = body.find(m["sentence"])
            if at < 0 or not (m["validated"] or all_sentences):
                continue
            sentences.add((m["doc"], at, at + len(m["sentence"])))
            out.append({"doc": m["doc"], "chain": ch["id"], "label": ch["label"],
                        "trigger": m["trigger"], "gs": at + m["char_start"],
                        "ge": at + m["char_end"]})
    return out, sentences


def align(pred: list[dict], gold: list[dict], bodies: dict[str, str]) -> list[tuple[dict, dict]]:
    """(predicted, gold) pairs: the predicted trigger word overlaps the gold trigger span.

    Each gold mention takes at most one predicted mention (the first in body order).
    """
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    pairs, taken = [], set()
    for p in sorted(pred, key=lambda p: (p["doc"], p["start"], p["end"], p["event_id"])):
        spans = trigger_spans(p, bodies[p["doc"]])
        hit = next((g for g in by_doc[p["doc"]] if id(g) not in taken
                    and any(s < g["ge"] and g["gs"] < e for s, e in spans)), None)
        if hit is not None:
            taken.add(id(hit))
            pairs.append((p, hit))
    return pairs


def trigger_spans(p: dict, body: str) -> list[tuple[int, int]]:
    """Body spans of each whole-word occurrence of the trigger inside the mention's sentence."""
    words = [re.escape(w) for w in (p["trigger"] or "").split()]
    if not words:
        return []
    pattern = re.compile(r"\b" + r"\W+".join(words) + r"\b", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(body, p["start"], p["end"])]


def cross_pairs(items: list[tuple[str, str, str]]) -> tuple[int, int, int]:
    """(pred-same, gold-same, both) pair counts over items (doc, pred, gold), other docs only."""
    ps = gs = tp = 0
    for (d1, p1, g1), (d2, p2, g2) in combinations(items, 2):
        if d1 != d2:
            ps += p1 == p2
            gs += g1 == g2
            tp += p1 == p2 and g1 == g2
    return ps, gs, tp


def bcubed(items: list[tuple[str, str, str]]) -> tuple[float, float]:
    """Cross-document B-cubed precision and recall (each item counts itself as in-doc)."""
    if not items:
        return 1.0, 1.0
    prec = rec = 0.0
    for d, p, g in items:
        others = [(p2, g2) for d2, p2, g2 in items if d2 != d]
        both = 1 + sum(p2 == p and g2 == g for p2, g2 in others)
        prec += both / (1 + sum(p2 == p for p2, _ in others))
        rec += both / (1 + sum(g2 == g for _, g2 in others))
    return prec / len(items), rec / len(items)


def story_merges(pred: list[dict], story: dict[str, str]) -> tuple[Counter, list[tuple]]:
    """Same-event pairs in different documents of different gold stories, all mentions."""
    counts: Counter[str] = Counter()
    bad = []
    by_event: dict[str, list[dict]] = defaultdict(list)
    for p in pred:
        by_event[p["event_id"]].append(p)
    for eid, ms in by_event.items():
        for a, b in combinations(ms, 2):
            sa, sb = story.get(a["doc"]), story.get(b["doc"])
            if a["doc"] != b["doc"] and sa != sb and sa and sb:
                kind = "cross-topic" if sa.split("_")[0] != sb.split("_")[0] else "cross-happening"
                counts[kind] += 1
                bad.append((kind, eid, a["doc"], a["trigger"], b["doc"], b["trigger"]))
    return counts, bad


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(args: argparse.Namespace) -> None:
    gold_dir = Path(args.gold) / "gold"
    chains = json.loads((gold_dir / "events.json").read_text(encoding="utf-8"))["chains"]
    story = json.loads((gold_dir / "stories.json").read_text(encoding="utf-8"))
    _, bodies, pred = read_warehouse(Path(args.warehouse))
    pred = [p for p in pred if p["doc"] in story]
    gold, sentences = gold_spans(chains, bodies, args.all_sentences)
    in_scope = [p for p in pred if any(d == p["doc"] and s <= p["start"] < e
                                       for d, s, e in sentences)]
    pairs = align(in_scope, gold, bodies)
    items = [(p["doc"], p["event_id"], g["chain"]) for p, g in pairs]
    ps, gs, tp = cross_pairs(items)
    pp, pr = (tp / ps if ps else 1.0), (tp / gs if gs else 1.0)
    bp, br = bcubed(items)
    merges, bad = story_merges(pred, story)
    scope = "all annotated sentences" if args.all_sentences else "validated sentences"
    print(f"== cross-document event dedup vs ECB+ gold chains ({scope}) ==")
    print(f"event mentions {len(pred)}   in scored sentences {len(in_scope)}   "
          f"aligned to a gold trigger {len(pairs)} (of {len(gold)} gold mentions)")
    print(f"cross-doc pairs  predicted same {ps}   gold same {gs}   both {tp}")
    print(f"pairwise   P {pp:.3f}  R {pr:.3f}  F1 {f1(pp, pr):.3f}")
    print(f"B-cubed    P {bp:.3f}  R {br:.3f}  F1 {f1(bp, br):.3f}")
    print(f"false merges across gold stories (all mentions, doc pairs): cross-topic "
          f"{merges['cross-topic']}   cross-happening {merges['cross-happening']}")
    if args.verbose:
        verbose(pairs, bad, args.top)


def verbose(pairs: list[tuple[dict, dict]], bad: list[tuple], top: int) -> None:
    """The predicted events mixing most gold chains, and the gold chains split most."""
    for title, key, other in (("worst false merges (event -> gold chains)", "event_id", "chain"),
                              ("worst misses (gold chain -> events)", "chain", "event_id")):
        groups: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        for p, g in pairs:
            groups[(p | g)[key]].append((p, g))
        scored = [(wrong_pairs(ms, other), k, ms) for k, ms in groups.items()]
        print(f"\n{title}")
        for n, k, ms in sorted(scored, key=lambda t: (-t[0], t[1]))[:top]:
            if n:
                label = ms[0][1]["label"] if key == "chain" else k
                print(f"  {n:3d} pairs  {label}: " + ", ".join(
                    f"{p['doc']}:{p['trigger']}->{g['label'] if other == 'chain' else p[other]}"
                    for p, g in ms[:8]))
    print("\nfalse merges across gold stories")
    for row in bad[:top]:
        print("  {} {} {}:{} ~ {}:{}".format(*row))


def wrong_pairs(ms: list[tuple[dict, dict]], other: str) -> int:
    """Pairs in different documents of a group that disagree on ``other``."""
    return sum(a["doc"] != b["doc"] and (a | ga)[other] != (b | gb)[other]
               for (a, ga), (b, gb) in combinations(ms, 2))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", required=True, help="warehouse built from the ECB+ docs")
    ap.add_argument("--gold", default=str(DEFAULT_GOLD), help="ecbplus-dev folder")
    ap.add_argument("--all-sentences", action="store_true",
                    help="also score sentences not annotated exhaustively")
    ap.add_argument("--verbose", action="store_true", help="list false merges and misses")
    ap.add_argument("--top", type=int, default=10, help="rows per --verbose list")
    report(ap.parse_args(argv))


if __name__ == "__main__":
    main()
