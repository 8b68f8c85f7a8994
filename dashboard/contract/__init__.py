"""The data contract as code: the tables, columns, limits and ordered values."""
