"""Prefect orchestration: flows and tasks that wire the stages together, nothing else."""
