"""The warehouse: Arrow schemas, Parquet snapshots, DuckDB views, run state."""
