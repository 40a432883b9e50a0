"""Network pictures: JSON for picture.js, and the vis-network bundle as a cached asset."""

from flask import abort, current_app, request, url_for
from flask_login import login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from . import assets, bp, render


@bp.errorhandler(CarnetError)
def picture_error(exc: CarnetError):
    """picture.js reads JSON, so errors here are JSON too (unknown and not visible alike: 404)."""
    body = {"error": exc.message}
    if exc.field:
        body["field"] = exc.field
    response = render.json_response(body)
    response.status_code = exc.status
    return response


@bp.route("/people/<person_id>/network.json")
@login_required
def person_network(person_id):
    data = services().pictures.person_network(current_viewer(), person_id)
    return render.json_response(render.person_network(data))


@bp.route("/organisations/<org_id>/chart.json")
@login_required
def organisation_chart(org_id):
    data = services().pictures.organisation_chart(current_viewer(), org_id)
    return render.json_response(render.organisation_chart(data))


@bp.route("/people/<person_id>/paths.json")
@login_required
def paths_picture(person_id):
    answer = services().paths.page(current_viewer(), person_id, request.args.get("k"),
                                   request.args.get("max_hops"))
    return render.json_response(render.routes_picture(answer))


@bp.route("/assets/<name>")
def asset(name):
    """vis-network from the installed pyvis package; public, like any static file."""
    if name not in assets.FILES:
        abort(404)
    data, mimetype, etag = assets.load(name)
    response = current_app.response_class(data, mimetype=mimetype)
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = assets.MAX_AGE
    response.cache_control.immutable = True
    return response.make_conditional(request)


@bp.app_template_global()
def picture_asset_url(name: str) -> str:
    """The asset's URL with its content hash, so a year-long cache is never stale."""
    return url_for("pictures.asset", name=name, v=assets.version(name))
