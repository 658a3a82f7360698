"""Scale-out: the DaskTaskRunner on a local 2-worker cluster builds exactly the same warehouse."""

from __future__ import annotations

import pytest

from flows.pipeline import newsetl_flow, task_runner
from helpers import all_rows

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_dask_runner_builds_the_same_rows_as_the_default(sample_copy, tmp_path):
    default = tmp_path / "default"
    newsetl_flow(input_dir=str(sample_copy), warehouse=str(default))
    dask = tmp_path / "dask"
    flow = newsetl_flow.with_options(task_runner=task_runner("dask", n_workers=2))
    flow(input_dir=str(sample_copy), warehouse=str(dask), distributed=True)
    assert all_rows(dask) == all_rows(default)
    assert all_rows(dask)["documents"]
