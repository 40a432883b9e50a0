"""`flask --app app import FILE`: dry run, commit, rejected rows, formats and encodings."""

from __future__ import annotations

import json

import pytest

from graph import backup

CSV = "name,email,organisation,strength\nÉmile Zola,emile@x.example,Éditions,3\nBroken,not-mail,,\n"


def run(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def state(store):
    nodes, rels = backup.snapshot(store)
    return json.dumps([n for n in nodes if n["labels"][0] not in ("Meta", "Import", "AuditEntry")]), json.dumps(rels)


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(CSV.encode("cp1252"))  # Excel on Windows
    return path


def test_dry_run_reports_row_by_row_and_writes_nothing(app, store, web_cast, csv_file):
    before = state(store)
    result = run(app, csv_file, "--dry-run", "--as", "alice")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "csv file (windows-1252): 2 rows: 1 new" in out and "1 rejected" in out
    assert "line 3: email is not a valid address" in out
    assert "dry run: nothing written" in out
    assert state(store) == before


def test_rejected_rows_stop_the_import_unless_valid_rows_is_given(app, store, web_cast, csv_file):
    before = state(store)
    result = run(app, csv_file, "--as", "alice")
    assert result.exit_code == 1
    assert "error: file: 1 row(s) have errors, so nothing was imported" in result.output
    assert "Traceback" not in result.output
    assert state(store) == before
    result = run(app, csv_file, "--as", "alice", "--valid-rows")
    assert result.exit_code == 0, result.output
    assert "imported (batch " in result.stdout
    mine = app.extensions["carnet"].relationships.owned(web_cast.viewer("alice"))
    assert [(r["other_name"], r["strength"]) for r in mine] == [("Émile Zola", 3)]


def test_linkedin_with_the_strength_of_the_file_and_the_format_guessed(app, web_cast, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("Notes:\n\"Emails may be missing\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,"
                    "Connected On\nOla,Nord,https://www.linkedin.com/in/ola,,Fjord AS,CEO,1 Jun 2020\n",
                    encoding="utf-8")
    result = run(app, path, "--as", "bob", "--strength", "4")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("linkedin file (utf-8): 1 rows: 1 new")
    rel = app.extensions["carnet"].relationships.owned(web_cast.viewer("bob"))[0]
    assert (rel["other_name"], rel["strength"], rel["since"]) == ("Ola Nord", 4, "2020-06-01")


def test_a_vcard_with_garbage_names_each_bad_card(app, store, web_cast, tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Fine Card\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\n"
                    "\x01\x02 garbage\nEND:VCARD\n", encoding="utf-8")
    before = state(store)
    result = run(app, path, "--as", "alice")
    assert result.exit_code == 1
    assert "line 7 is not a vCard property" in result.stdout
    assert state(store) == before


def test_without_a_user_people_are_imported_without_relationships(app, web_cast, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name\nSolo Person\n", encoding="utf-8")
    result = run(app, path, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "note: no importing user" in result.stdout
    assert app.extensions["carnet"].people.list(web_cast.viewer("ada"), q="Solo")["total"] == 1


@pytest.mark.parametrize("args, message", [
    (["--as", "nobody"], "error: as: unknown or disabled user nobody"),
    (["--format", "vcard"], "error: file: this is not a vCard file"),
])
def test_bad_options_end_with_one_clear_line(app, web_cast, csv_file, args, message):
    result = run(app, csv_file, *args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
