"""Carnet's domain: model, visibility, services and the graph-store port with its adapters.

Nothing here imports the web layer (flask, wtforms, pyvis)."""
