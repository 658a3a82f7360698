"""Scale-out: the DaskTaskRunner on a local 2-worker cluster builds exactly the same warehouse."""

from __future__ import annotations

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter

from flows.pipeline import newsetl_flow, task_runner
from helpers import all_rows

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_dask_runner_builds_the_same_rows_as_the_default(sample_copy, tmp_path):
    default = tmp_path / "default"
    newsetl_flow(input_dir=str(sample_copy), warehouse=str(default))
    dask = tmp_path / "dask"
    flow = newsetl_flow.with_options(task_runner=task_runner("dask", n_workers=2))
    state = flow(input_dir=str(sample_copy), warehouse=str(dask), distributed=True,
                 return_state=True)
    assert state.is_completed()
    assert all_rows(dask) == all_rows(default)
    assert all_rows(dask)["documents"]
    # the load stage's parts (dedup blocks, story topics) ran as Prefect tasks of the run
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(
            id={"any_": [state.state_details.flow_run_id]}))
    parts = [r for r in runs if r.name.startswith("load-part")]
    assert len(parts) >= 2 and all(r.state.is_completed() for r in parts)
