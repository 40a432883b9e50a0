from flask import render_template, request
from flask_login import login_required

from ..auth.session import current_viewer
from ..extensions import services
from . import bp

HOME_SUGGESTIONS = 3  # the rest wait on /signals


@bp.route("/")
@login_required
def home():
    """Home: the viewer's own address book, and what to do first when it is empty."""
    book = services().relationships.owned_page(current_viewer(), request.args.get("page", "1"))
    signals = services().signals.suggestions(current_viewer())[:HOME_SUGGESTIONS]
    return render_template("main/home.html", relationships=book["items"], book=book, signals=signals)
