"""Outputs: the dossier JSON, the HTML report and the DuckDB database."""
