"""Serves the OpenAPI document assembled from every API module's SPEC fragment."""

from flask import jsonify

from . import bp


@bp.route("/openapi.json")
def openapi():
    from . import core

    paths = {}
    for module in (core,):
        paths.update(getattr(module, "SPEC", {}))
    return jsonify({"openapi": "3.0.3", "info": {"title": "Carnet API", "version": "1"}, "paths": paths})
