"""newsetl: a batch ETL pipeline that turns folders of raw news pages into a queryable warehouse."""

__version__ = "0.1.0"
