"""The stop word list read from spaCy's files is spaCy's own, and reading it imports no spaCy."""

from __future__ import annotations

import subprocess
import sys


def test_stop_words_are_spacys():
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY

    from transforms.stopwords import STOP_WORDS

    assert STOP_WORDS == SPACY and "the" in STOP_WORDS


def test_the_flow_process_imports_no_spacy():
    code = ("import sys, flows.pipeline, newsetl.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
