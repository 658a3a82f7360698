"""The cleaner's learned line classifier: the packaged model file and its training script.

The training fixture is built from the labelled cases of ``tests/cases/clean/`` (a page and,
as its gold, the lines labelled ``body``), in the layout the script reads (``pages/``,
``gold/``).
"""

from __future__ import annotations

import importlib.util
import json
import socket
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from transforms.clean import model, vectors
from transforms.clean.features import line_features
from transforms.clean.lines import _extend_main, clean

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases" / "clean"


def _script():
    spec = importlib.util.spec_from_file_location("train_cleaner",
                                                  ROOT / "scripts" / "train_cleaner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def train_cleaner():
    return _script()


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("train")
    (root / "pages").mkdir()
    (root / "gold").mkdir()
    for labels in sorted(CASES.glob("*.labels")):
        text = labels.with_suffix(".txt").read_text(encoding="utf-8")
        lines = text.split("\n")
        body = [lines[int(n) - 1] for n, label in
                (row.split("\t") for row in labels.read_text().splitlines()) if label == "body"]
        (root / "pages" / f"{labels.stem}.txt").write_text(text, encoding="utf-8")
        (root / "gold" / f"{labels.stem}.txt").write_text("\n\n".join(body), encoding="utf-8")
    return root


def test_packaged_model_loads_without_network(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    model.packaged.cache_clear()
    forest = model.packaged()
    assert forest.features == vectors.FEATURES
    assert len(forest.roots) > 10
    assert forest.keeps == model.KEEPS
    before, article, _, after = range(len(model.STATES))
    moves = forest.transitions  # article lines and furniture come in runs
    assert moves[article][article] > moves[article][after]
    assert moves[before][before] > moves[before][article]
    assert moves[after][after] > moves[after][article]  # nothing comes back after the article
    lines = (CASES / "long_paragraphs.txt").read_text(encoding="utf-8").split("\n")
    assert clean(lines).body  # the model keeps the article of a plain page


def test_packaged_figures_sit_beside_the_model() -> None:
    figures = model.read_json(model.FIGURES_FILE)
    folds = figures["cv_folds"]
    assert figures["folds"] == len(folds) >= 2
    mean = sum(f["f1"] for f in folds) / len(folds)
    assert figures["cv_f1_mean"] == pytest.approx(mean, abs=1e-4)
    assert figures["n_features"] == len(vectors.FEATURES)


def test_exported_trees_score_as_scikit_learn(train_cleaner) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] * x[:, 2] > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0)
    clf.fit(x, y)
    data = train_cleaner.export(clf)
    data.update(features=[f"f{i}" for i in range(5)], keep_bias=0.0)  # decoding without
    forest = model.from_dict(data)  # transitions or bias: each line on its own score
    assert np.allclose(forest.score(x), clf.decision_function(x), atol=1e-9)
    assert (forest.keep(x) == (clf.predict_proba(x)[:, 1] >= 0.5)).all()


def test_decoding_follows_runs() -> None:
    forest = model.from_dict({
        "trees": [], "base": 0.0, "features": [], "keep_bias": 0.0, "transition_weight": 1.0,
        "transitions": [[np.log(0.9), np.log(0.1)], [np.log(0.1), np.log(0.9)]],
    })
    scores = np.asarray([3.0, 3.0, -0.5, 3.0, 3.0, -3.0, -3.0, 0.5, -3.0])
    assert forest.decode(scores).tolist() == [True] * 5 + [False] * 4
    alone = model.from_dict({**forest_dict(forest), "transition_weight": 0.0})
    assert alone.decode(scores).tolist() == (scores > 0).tolist()


def test_decoding_in_four_states_ends_the_article_once() -> None:
    # after the article's last line (state "after"), a good line far below is not kept back
    log, rare = np.log, np.log(1e-4)
    moves = [[log(0.9), log(0.1), rare, rare], [rare, log(0.8), log(0.15), log(0.05)],
             [rare, log(0.3), log(0.7), rare], [rare, rare, rare, 0.0]]
    forest = model.from_dict({
        "trees": [], "base": 0.0, "features": [], "keep_bias": 0.0, "transition_weight": 1.0,
        "transitions": moves, "keeps": list(model.KEEPS),
        "initial": [log(0.9), log(0.1), rare, rare], "final": [log(0.05), log(0.05), rare, 0.0]})
    scores = np.asarray([-3.0, 3.0, 3.0, -0.5, 3.0] + [-3.0] * 8 + [5.0, -3.0])
    assert forest.decode(scores).tolist() == [False, True, True, True, True] + [False] * 10
    two = model.from_dict({**forest_dict(forest), "keeps": [False, True],
                           "transitions": [[log(0.9), log(0.1)], [log(0.1), log(0.9)]]})
    assert two.decode(scores)[13]  # two states: the lone good line is kept


def forest_dict(forest: model.Forest) -> dict:
    return {"trees": [], "base": forest.base, "features": list(forest.features),
            "keep_bias": forest.keep_bias, "transition_weight": forest.transition_weight,
            "transitions": [list(row) for row in forest.transitions]}


def test_training_reproduces_its_figures_on_a_fixture(train_cleaner, fixture_dir) -> None:
    first_model, first_figures = train_cleaner.train(fixture_dir, folds=3)
    again_model, again_figures = train_cleaner.train(fixture_dir, folds=3)
    assert json.dumps(first_model) == json.dumps(again_model)
    assert first_figures == again_figures
    assert first_figures["pages"] == len(list(CASES.glob("*.labels")))
    assert len(first_figures["cv_folds"]) == 3
    forest = model.from_dict(first_model)
    pages = train_cleaner.load(fixture_dir)
    assert train_cleaner.evaluate(forest, pages) == first_figures["train_fit"]


def test_labels_follow_the_gold_shingles(train_cleaner) -> None:
    gold = "The council voted on Tuesday to repair the bridge.\n\nWhat next"
    lines = ["The council voted on Tuesday to repair the bridge.", "Share this",
             "What next", "The council met again"]
    grams = [train_cleaner.shingles(line) for line in lines]
    assert train_cleaner.labels(gold, grams) == [True, False, True, False]


def test_lines_above_the_gold_article_are_not_labelled_body(train_cleaner) -> None:
    prose = "The council voted on Tuesday evening to repair the old mill bridge at last."
    gold = f"Council backs bridge repair\n\nBy Dana Whitfield\n\n{prose}"
    lines = ["Council backs bridge repair", "By Dana Whitfield", prose]
    grams = [train_cleaner.shingles(line) for line in lines]
    assert train_cleaner.labels(gold, grams) == [False, False, True]
    no_prose = "Council backs bridge repair\n\nBy Dana Whitfield"
    assert train_cleaner.labels(no_prose, grams[:2]) == [True, True]


def test_page_score_matches_the_scorer_definition(train_cleaner) -> None:
    gold = "one two three four five"  # shingles: (1234) (2345)
    tp, fp, fn = train_cleaner.page_score(gold, "one two three four six")  # (1234) (2346)
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert train_cleaner.f1([(0.5, 0.25, 0.25)])["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_a_one_paragraph_brief_is_kept_whole(cases_dir) -> None:
    """The model, trained on whole pages, may keep nothing of a wire brief of one paragraph;
    the hand rules' decision then stands, and the page is not lost."""
    text = (cases_dir / "clean" / "one_paragraph_brief.txt").read_text()
    cleaned = clean(text.split("\n"))
    assert cleaned.body == text.strip()


def test_the_main_run_grows_over_likely_neighbours_only() -> None:
    """The longest kept run takes in the lines next to it while their keep probability is at
    least EXTEND_MIN_PROB and they are not blocked (a forced drop, past the comment cut); a
    short run elsewhere does not grow."""
    words = [5, 5, 50, 50, 5, 5, 5, 5, 20]
    feats = [line_features([" ".join(["word"] * n)])[0] for n in words]
    likely, unlikely = 0.0, -6.0  # keep probability 0.5 and about 0.0025
    score = np.asarray([likely, unlikely, likely, likely, likely, likely, likely, likely, likely])
    keep = [False, False, True, True, False, False, False, False, True]
    blocked = [False] * 6 + [True, False, False]
    _extend_main(keep, score, blocked, feats)
    assert keep == [False, False, True, True, True, True, False, False, True]
