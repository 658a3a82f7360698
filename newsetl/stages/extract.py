"""Extract stage: run spaCy over the bodies of a staged batch, keep per-document records.

A document on which the NLP components fail (a bug meeting a text it did not foresee) must not
sink its batch, let alone the run: the batch is retried document by document, and a document
that still fails moves from the batch's pages to its rejects, with the error as the detail.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from newsetl.stages import workers
from newsetl.stages.ingest import reject_row
from transforms.errors import TransientError
from transforms.nlp.records import DocRecords, terms_row
from warehouse import parquet
from warehouse.schema import STATE, TABLES

NLP_REJECT = "nlp-error"


def extract_batch(staging: Path, index: int, model: str, n_process: int,
                  language_models: dict[str, str] | None = None) -> int:
    """Annotate the staged pages of batch ``index``; returns the number of documents.

    English pages (and pages of undetermined language) go to ``model`` in the worker pool;
    a page in a language of ``language_models`` (ISO 639-1 -> spaCy package) to that
    language's pipeline, in this process (entities only); other pages get no entity rows.
    """
    pages_path = parquet.part_path(staging / "pages", index)
    pages = parquet.read_table([pages_path], STATE["pages"])
    columns = ("doc_id", "body", "published", "title")
    items = list(zip(*(pages.column(c).to_pylist() for c in columns), strict=True))
    languages = pages.column("language").to_pylist()
    foreign = language_models or {}
    items, by_language, others = _by_model(items, languages, foreign)
    try:
        found, failed = workers.annotate_parallel(items, model, n_process), {}
    except TransientError:
        raise
    except Exception:  # noqa: BLE001 - isolate the document that fails, below
        found, failed = _one_by_one(items, model)
    for lang, group in sorted(by_language.items()):
        from transforms.nlp import pipeline as nlp  # spaCy only where a page needs it

        nlp.load(foreign[lang])  # a model configured but not installed stops the run, clearly
        rows, errors = _one_by_one(group, foreign[lang])
        found.extend(rows)
        failed.update(errors)
    found.terms += [terms_row(doc_id, body, title, published)  # stories compare every page
                    for doc_id, body, published, title in others]
    for name, rows in found.tables().items():
        parquet.write_table(parquet.part_path(staging / name, index), STATE[name], rows)
    if failed:
        _move_to_rejects(staging, index, pages, failed)
    return pages.num_rows - len(failed)


MODEL_LANGUAGES = frozenset({"en", None})
"""Page languages (ISO 639-1) the configured spaCy model reads: it is English, and a page whose
language is undetermined (too little prose to tell) is given to it too. Pages in a language
with a configured model get its entities; others keep their documents and removed_lines rows
and get no entity, quote or event rows."""


def _by_model(items: list, languages: list[str | None], foreign: dict[str, str]
              ) -> tuple[list, dict[str, list], list]:
    """The items the English model reads, those of each other language with a model, and
    the others."""
    mine, by_language, others = [], {}, []
    for item, lang in zip(items, languages, strict=True):
        if lang in MODEL_LANGUAGES:
            mine.append(item)
        elif lang in foreign:
            by_language.setdefault(lang, []).append(item)
        else:
            others.append(item)
    return mine, by_language, others


def _one_by_one(items: list, model: str) -> tuple[DocRecords, dict[str, str]]:
    """Annotate documents singly; returns the rows of those that work and the errors of the
    others (doc_id -> message)."""
    found, failed = DocRecords(), {}
    for item in items:
        try:
            found.extend(workers.annotate([item], model))
        except Exception as exc:  # noqa: BLE001 - any failure of one document is its own
            failed[item[0]] = f"{type(exc).__name__}: {exc}"[:500]
    return found, failed


def _move_to_rejects(staging: Path, index: int, pages: pa.Table, failed: dict[str, str]) -> None:
    """Drop failed documents from the batch's pages and removed lines; add their rejects."""
    keep = parquet.not_in("doc_id", set(failed))
    parquet.write_table(parquet.part_path(staging / "pages", index), STATE["pages"],
                        pages.filter(keep(pages)))
    removed_path = parquet.part_path(staging / "removed_lines", index)
    removed = parquet.read_table([removed_path], TABLES["removed_lines"])
    parquet.write_table(removed_path, TABLES["removed_lines"], removed.filter(keep(removed)))
    rejects_path = parquet.part_path(staging / "rejects", index)
    rejects = parquet.read_table([rejects_path], TABLES["rejects"]).to_pylist()
    path_of = dict(zip(pages.column("doc_id").to_pylist(), pages.column("source_path").to_pylist(),
                       strict=True))
    run_id = pages.column("run_id")[0].as_py()
    rejects += [reject_row(path_of[d], NLP_REJECT, f"the NLP stage failed: {why}", run_id)
                for d, why in sorted(failed.items())]
    parquet.write_table(rejects_path, TABLES["rejects"], rejects)
