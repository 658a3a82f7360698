"""The learned line classifier: a small gradient-boosted tree ensemble, evaluated in numpy.

The trees give each line a keep score (log-odds); a page's keep/drop sequence is then the
most likely one under those scores and the label transitions seen in training (a two-state
Viterbi decode, as BoilerNet's sequence view in miniature): a lone doubtful line between two
paragraphs follows them. The model file (``data/line_model.json``, written by
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


@dataclass(frozen=True)
class Forest:
    """Trees packed side by side: node ``i`` of the ensemble splits on ``feature[i]`` at
    ``threshold[i]`` (rows with a value <= threshold go to ``left``), or is a leaf
    (``left == right == i``) worth ``value[i]``. ``roots`` are the trees' first nodes, deepest
    tree first, and ``active[d]`` is the number of trees deeper than ``d`` levels; the
    raw score is ``base`` plus the leaf values, the keep probability its logistic.
    ``transitions[a][b]`` is the log-probability that a line labelled ``b`` follows one
    labelled ``a`` (0 drop, 1 keep), weighed by ``transition_weight`` against the scores, and
    ``keep_bias`` is added to every line's keep log-probability; ``initial`` are the
    log-probabilities of a page's first line being dropped or kept, ``final`` those of its
    last line."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    active: tuple[int, ...]
    base: float
    transitions: tuple[tuple[float, float], tuple[float, float]]
    initial: tuple[float, float]
    final: tuple[float, float]
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
        """The most likely keep flags of a page's lines given their raw scores (Viterbi)."""
        if len(score) == 0:
            return np.zeros(0, dtype=bool)
        keep_lp = (-np.logaddexp(0.0, -score) + self.keep_bias).tolist()
        drop_lp = (-np.logaddexp(0.0, score)).tolist()
        (t00, t01), (t10, t11) = ((self.transition_weight * t for t in row)
                                  for row in self.transitions)
        d0 = drop_lp[0] + self.transition_weight * self.initial[0]
        d1 = keep_lp[0] + self.transition_weight * self.initial[1]
        back: list[tuple[bool, bool]] = []
        for e0, e1 in zip(drop_lp[1:], keep_lp[1:], strict=True):
            from0, from1 = d0 + t00, d1 + t10  # into drop
            into0 = from1 > from0
            to0, to1 = d0 + t01, d1 + t11  # into keep
            into1 = to1 > to0
            back.append((into0, into1))
            d0, d1 = max(from0, from1) + e0, max(to0, to1) + e1
        state = d1 + self.transition_weight * self.final[1] > d0 + (
            self.transition_weight * self.final[0])
        out = [state]
        for into0, into1 in reversed(back):
            state = into1 if state else into0
            out.append(state)
        return np.asarray(out[::-1], dtype=bool)


def from_dict(data: dict[str, Any]) -> Forest:
    """Pack the trees of a model file (a list of per-tree node arrays) into a :class:`Forest`."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    trees = sorted(data["trees"], key=lambda tree: -tree["depth"])
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
        initial=tuple(float(v) for v in data.get("initial", (0.0, 0.0))),
        final=tuple(float(v) for v in data.get("final", (0.0, 0.0))),
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
