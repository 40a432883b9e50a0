"""Forms of the import and duplicates pages (labels translated at render: graph/ labels included)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, RadioField, SelectField
from wtforms.validators import Optional

from graph.imports.formats import FORMAT_LABELS, FORMATS
from graph.model import STRENGTH_LABELS, STRENGTHS, VISIBILITIES, VISIBILITY_LABELS

from ..people.forms import options


class UploadForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(message=_l("choose a file to import"))])
    format = SelectField(_l("Format"), validators=[Optional()], default="", choices=options(
        [("", _l("Recognise it from the content"))] + [(f, _l(FORMAT_LABELS[f])) for f in FORMATS]))
    strength = RadioField(_l("How well do you know these people? (rows without a strength)"), default="2",
                          choices=options([("0", _l("0 — no relationship"))]
                                          + [(str(s), _l("%(num)s — %(label)s", num=s, label=_l(STRENGTH_LABELS[s])))
                                             for s in STRENGTHS]))
    visibility = SelectField(_l("Who may see these relationships"), validators=[Optional()], default="",
                             choices=options([("", _l("As the sharing rules decide"))]
                                             + [(v, _l(VISIBILITY_LABELS[v])) for v in VISIBILITIES]))

    FIELDS = {"format": "format", "strength": "strength", "visibility": "visibility"}


class CommitForm(FlaskForm):
    valid_rows = BooleanField(_l("Import the valid rows only (rejected rows are left out)"))


class MergeForm(FlaskForm):
    keep_id = HiddenField()
    drop_id = HiddenField()
