from flask import render_template, request
from flask_login import login_required

from ..auth.session import current_viewer
from ..extensions import services
from . import bp


@bp.route("/")
@login_required
def home():
    """Home: the viewer's own address book, and what to do first when it is empty."""
    book = services().relationships.owned_page(current_viewer(), request.args.get("page", "1"))
    return render_template("main/home.html", relationships=book["items"], book=book)
