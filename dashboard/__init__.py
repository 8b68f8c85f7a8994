"""UN system ICT portfolio dashboard: DuckDB over Parquet snapshots, served with Streamlit."""

__version__ = "0.1.0"
