"""DuckDB and the named queries: filters, parameters, cached runs, the datasets."""
