"""Forms of the import and duplicates pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, RadioField, SelectField
from wtforms.validators import Optional

from graph.imports.formats import FORMAT_LABELS, FORMATS
from graph.model import STRENGTH_LABELS, STRENGTHS, VISIBILITIES, VISIBILITY_LABELS

from ..people.forms import options


class UploadForm(FlaskForm):
    file = FileField("File", validators=[FileRequired(message="choose a file to import")])
    format = SelectField("Format", validators=[Optional()], default="", choices=options(
        [("", "Recognise it from the content")] + [(f, FORMAT_LABELS[f]) for f in FORMATS]))
    strength = RadioField("How well do you know these people? (rows without a strength)", default="2",
                          choices=options([("0", "0 — no relationship")]
                                          + [(str(s), f"{s} — {STRENGTH_LABELS[s]}") for s in STRENGTHS]))
    visibility = SelectField("Who may see these relationships", validators=[Optional()], default="",
                             choices=options([("", "As the sharing rules decide")]
                                             + [(v, VISIBILITY_LABELS[v]) for v in VISIBILITIES]))

    FIELDS = {"format": "format", "strength": "strength", "visibility": "visibility"}


class CommitForm(FlaskForm):
    valid_rows = BooleanField("Import the valid rows only (rejected rows are left out)")


class MergeForm(FlaskForm):
    keep_id = HiddenField()
    drop_id = HiddenField()
