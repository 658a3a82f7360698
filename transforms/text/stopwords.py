"""English stop words: spaCy's list, read without importing spaCy.

The line signals, the language check and the story features count function words with spaCy's
English list, the model's own notion of a stop word. ``import spacy.lang.en.stop_words``
imports all of spaCy first (about a second), which the flow process otherwise never needs: its
NLP runs in the worker processes. The list's module is plain Python without imports, so it is
loaded from spaCy's installed files directly (a test keeps it equal to spaCy's).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _load() -> frozenset[str]:
    package = importlib.util.find_spec("spacy")  # locates the package without importing it
    if package is None or package.origin is None:
        raise ImportError("spaCy is not installed: it provides the English stop word list")
    path = Path(package.origin).parent / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_newsetl_spacy_en_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


STOP_WORDS = _load()
"""spaCy's English stop words (lower case, with contractions in three apostrophe forms)."""
