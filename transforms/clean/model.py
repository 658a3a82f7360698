"""The learned line classifier: a small gradient-boosted tree ensemble, evaluated in numpy.

The trees give each line a keep score (log-odds); a page's keep/drop sequence is then the
most likely one under those scores and the transitions between the page's parts seen in
training (a Viterbi decode, as BoilerNet's sequence view in miniature): a lone doubtful line
between two paragraphs follows them. The parts (:data:`STATES`) are the furniture before the
article, the article's lines, the dropped lines inside it and the furniture after it: a run of
kept lines after the article has ended costs more than a paragraph after a caption inside it.
The model file (``data/line_model.json``, written by
``scripts/train_cleaner.py``) holds the trees as flat arrays (feature, threshold, left, right,
value per node), the feature names it was trained with
(:data:`transforms.clean.vectors.FEATURES`), the transition log-probabilities and the decoding
weights. It is
plain JSON: it loads with no network and no scikit-learn, whatever version trained it. The
training figures (cross-validated by page) are in ``data/line_model.figures.json`` beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

MODEL_FILE = "line_model.json"
"""The packaged model, under ``transforms/clean/data/``."""
FIGURES_FILE = "line_model.figures.json"
"""Its training figures, beside it."""
STATES = ("before", "article", "gap", "after")
"""The decode's states, in the model file's order: the dropped lines before the first article
line, the article's lines (the only state that keeps), dropped lines between two article
lines, dropped lines after the last. A model file without ``keeps`` has the two states
drop/keep."""
KEEPS = (False, True, False, False)
"""Which of :data:`STATES` keep their line."""


@dataclass(frozen=True)
class Forest:
    """Trees packed side by side: node ``i`` of the ensemble splits on ``feature[i]`` at
    ``threshold[i]`` (rows with a value <= threshold go to ``left``), or is a leaf
    (``left == right == i``) worth ``value[i]``. ``roots`` are the trees' first nodes, deepest
    tree first, and ``active[d]`` is the number of trees deeper than ``d`` levels; the
    raw score is ``base`` plus the leaf values, the keep probability its logistic.
    ``transitions[a][b]`` is the log-probability that a line in state ``b`` follows one in
    state ``a`` (``keeps[s]``: whether state ``s`` keeps its line, :data:`KEEPS`), weighed by
    ``transition_weight`` against the scores, and ``keep_bias`` is added to every line's keep
    log-probability; ``initial`` are the log-probabilities of each state on a page's first
    line, ``final`` those on its last line."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    active: tuple[int, ...]
    base: float
    transitions: tuple[tuple[float, ...], ...]
    initial: tuple[float, ...]
    final: tuple[float, ...]
    keeps: tuple[bool, ...]
    transition_weight: float
    keep_bias: float
    features: tuple[str, ...]

    def score(self, x: np.ndarray) -> np.ndarray:
        """The raw (log-odds) score of every row of ``x`` (columns :attr:`features`).

        All rows descend all trees at once, one level per step; the trees are stored deepest
        first, so step ``d`` moves only the first ``active[d]`` trees (those deeper than d).
        """
        if len(x) == 0:
            return np.zeros(0)
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        offsets = (np.arange(len(x)) * x.shape[1])[:, None]
        node = np.tile(self.roots, (len(x), 1))
        children = np.column_stack([self.left, self.right]).ravel()
        for width in self.active:
            part = node[:, :width]
            values = flat.take(offsets + self.feature.take(part))
            node[:, :width] = children.take(2 * part + (values > self.threshold.take(part)))
        return self.base + self.value.take(node).sum(axis=1)

    def keep(self, x: np.ndarray) -> np.ndarray:
        """Whether each row of a page (its lines in order) is article text."""
        return self.decode(self.score(x))

    def decode(self, score: np.ndarray) -> np.ndarray:
        """The most likely keep flags of a page's lines given their raw scores (Viterbi over
        :attr:`keeps`' states; linear in the lines)."""
        if len(score) == 0:
            return np.zeros(0, dtype=bool)
        keep_lp = (-np.logaddexp(0.0, -score) + self.keep_bias).tolist()
        drop_lp = (-np.logaddexp(0.0, score)).tolist()
        weight, keeps = self.transition_weight, self.keeps
        states = range(len(keeps))
        into = [[weight * self.transitions[a][b] for a in states] for b in states]
        best = [(keep_lp[0] if keeps[s] else drop_lp[0]) + weight * self.initial[s]
                for s in states]
        back: list[list[int]] = []
        for e_drop, e_keep in zip(drop_lp[1:], keep_lp[1:], strict=True):
            came, now = [], []
            for b in states:
                row = into[b]
                a = 0
                top = best[0] + row[0]
                for c in states[1:]:
                    if best[c] + row[c] > top:
                        a, top = c, best[c] + row[c]
                came.append(a)
                now.append(top + (e_keep if keeps[b] else e_drop))
            back.append(came)
            best = now
        ends = [best[s] + weight * self.final[s] for s in states]
        state = ends.index(max(ends))
        out = [keeps[state]]
        for came in reversed(back):
            state = came[state]
            out.append(keeps[state])
        return np.asarray(out[::-1], dtype=bool)


def from_dict(data: dict[str, Any]) -> Forest:
    """Pack the trees of a model file (a list of per-tree node arrays) into a :class:`Forest`."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    trees = sorted(data["trees"], key=lambda tree: -tree["depth"])
    keeps = tuple(bool(k) for k in data.get("keeps", (False, True)))
    depths = [tree["depth"] for tree in trees]
    for tree in trees:
        offset = len(feature)
        roots.append(offset)
        for f, t, lo, hi, v in zip(tree["feature"], tree["threshold"], tree["left"],
                                   tree["right"], tree["value"], strict=True):
            leaf = lo < 0
            node = len(feature)
            feature.append(0 if leaf else f)
            threshold.append(0.0 if leaf else t)
            left.append(node if leaf else lo + offset)
            right.append(node if leaf else hi + offset)
            value.append(v if leaf else 0.0)
    return Forest(
        feature=np.asarray(feature, dtype=np.intp), threshold=np.asarray(threshold),
        left=np.asarray(left, dtype=np.intp), right=np.asarray(right, dtype=np.intp),
        value=np.asarray(value), roots=np.asarray(roots, dtype=np.intp),
        active=tuple(sum(d > level for d in depths) for level in range(max(depths, default=0))),
        base=float(data["base"]),
        transitions=tuple(tuple(float(v) for v in row) for row in data["transitions"]),
        initial=tuple(float(v) for v in data.get("initial", (0.0,) * len(keeps))),
        final=tuple(float(v) for v in data.get("final", (0.0,) * len(keeps))),
        keeps=keeps,
        transition_weight=float(data["transition_weight"]), keep_bias=float(data["keep_bias"]),
        features=tuple(data["features"]),
    )


def read_json(name: str) -> dict[str, Any]:
    """A JSON file of the package's ``data/`` folder."""
    text = resources.files("transforms.clean").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def packaged() -> Forest:
    """The packaged model (read once per process), checked against the current features.

    Raises:
        RuntimeError: the model was trained on other feature columns (retrain it).
    """
    from transforms.clean.vectors import FEATURES

    forest = from_dict(read_json(MODEL_FILE))
    if forest.features != FEATURES:
        raise RuntimeError(
            f"{MODEL_FILE} was trained on other features; run scripts/train_cleaner.py"
        )
    return forest
