"""Benchmark support: a realistic synthetic graph (generate) and a naive path-finding baseline.

Used by `flask --app app bench ...` only; nothing in the product imports it."""
