"""The import parsers: CSV, LinkedIn and vCard, with the encodings and mistakes of real files."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.imports import csv_format, formats, linkedin, vcard
from graph.imports.matching import pairs, plain
from graph.imports.rows import Row, clean

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed it, see https://www.linkedin.com/help, '
    'with commas, and ""quotes""."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Élodie,Durand,https://www.linkedin.com/in/edurand,elodie@acme.example,Acme,CFO,17 Jan 2024\n"
    'Marc,Dupont,https://www.linkedin.com/in/mdupont,,"Globex, Inc.",Buyer,03 Mar 2021\n'
)


def rows(data, fmt=None):
    parsed = formats.parse(data, fmt)
    return parsed, list(parsed.rows)


# -- encodings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8 (BOM)"), ("cp1252", "windows-1252"), ("utf-16", "utf-16"),
])
def test_every_encoding_of_real_files_reads_the_same_names(encoding, expected):
    text = "name,organisation,title\r\nHélène Œuvray,Société Générale,Directrice « achats »\r\n"
    parsed, found = rows(text.encode(encoding))
    assert parsed.encoding == expected
    assert found[0].data == {"name": "Hélène Œuvray", "organisation": "Société Générale",
                             "title": "Directrice « achats »"}
    assert found[0].line == 2


def test_bytes_undefined_in_windows_1252_fall_back_to_latin_1():
    parsed, found = rows(b"name\nJos\x81 \xe9\n")
    assert parsed.encoding == "latin-1"
    assert found[0].data["name"] == "Jos\x81 é"


def test_a_binary_file_is_refused_clearly():
    with pytest.raises(ValidationError, match="not a text file") as err:
        formats.parse(b"PK\x03\x04\x00\x00binary")
    assert err.value.field == "file"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        formats.parse(b"  \n\n")


# -- Carnet CSV -----------------------------------------------------------------------------------------
def test_missing_columns_are_named_with_what_the_header_has():
    with pytest.raises(ValidationError) as err:
        formats.parse(b"email;company\nx@y.example;Acme\n", "csv")
    assert "missing column: name (or first_name and last_name)" in err.value.message
    assert "email, company" in err.value.message


def test_semicolons_aliases_first_and_last_names_and_quoted_newlines_keep_line_numbers():
    text = ('First Name;Last name;E-mail;Company;Notes;Shoe size\n'
            'Ann;Lee;ANN@x.example;Acme;"two\nlines";42\n'
            '\n'
            ';;;;;\n'
            'Bo;Ek;;;;\n')
    parsed, found = rows(text.encode())
    assert parsed.warnings == ["ignored column(s): Shoe size"]
    assert [r.line for r in found] == [2, 6]
    assert found[0].data == {"first_name": "Ann", "last_name": "Lee", "name": "Ann Lee", "email": "ANN@x.example",
                             "organisation": "Acme", "notes": "two\nlines"}
    assert found[1].data["name"] == "Bo Ek"


def test_a_row_with_more_values_than_columns_is_an_error_of_that_row():
    _, found = rows(b"name,email\nAnn,a@x.example,extra\nBo,b@x.example,\n")
    assert found[0].errors == ["3 values but the header has 2 columns"]
    assert found[1].errors == []  # a trailing empty cell is only a trailing comma


def test_the_template_is_a_valid_file_of_one_row():
    parsed, found = rows(csv_format.template().encode(), "csv")
    values, errors = clean(found[0])
    assert errors == [] and values["name"] == "Jeanne Martin" and values["strength"] == 3
    assert list(csv_format.COLUMNS) == next(iter(csv_format.records(csv_format.template())))[1]


def test_clean_reports_every_problem_of_a_row():
    values, errors = clean(Row(7, {"name": " ", "email": "nope", "strength": "9", "visibility": "Secret",
                                   "start": "2024-13-01", "context": "Client"}))
    assert errors == ["name is required", "email is not a valid address", "start must be a date (YYYY-MM-DD)",
                      "strength must be a whole number from 0 to 5",
                      "visibility must be one of: private, exclusive, team, company"]
    assert values == {"context": "client"}  # choice lists are case-insensitive


# -- LinkedIn -----------------------------------------------------------------------------------------
def test_linkedin_export_with_notes_before_the_header():
    parsed, found = rows(LINKEDIN.encode("utf-8-sig"))
    assert parsed.format == "linkedin"
    assert [r.line for r in found] == [5, 6]  # line 4 is the header, after the notes
    assert found[0].data == {"name": "Élodie Durand", "email": "elodie@acme.example", "organisation": "Acme",
                             "title": "CFO", "linkedin": "https://www.linkedin.com/in/edurand", "since": "2024-01-17"}
    assert found[1].data["organisation"] == "Globex, Inc." and "email" not in found[1].data
    assert found[1].data["since"] == "2021-03-03"


def test_linkedin_missing_columns_are_named():
    with pytest.raises(ValidationError, match="missing column\\(s\\): Company, Position"):
        formats.parse(b"First Name,Last Name,URL\nA,B,C\n", "linkedin")


@pytest.mark.parametrize("raw, iso", [("17 Jan 2024", "2024-01-17"), ("5 janv. 2023", "2023-01-05"),
                                      ("2022-02-03", "2022-02-03"), ("yesterday", "yesterday"), ("", None)])
def test_linkedin_dates(raw, iso):
    assert linkedin.connected_on(raw) == iso


# -- vCard -----------------------------------------------------------------------------------------------
VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Durand;Élodie;;;\r\nFN:Élodie Durand\r\n"
    "ORG:Acme\\, Inc.;Purchasing\r\nTITLE:Head of\r\n  Purchasing\r\nTEL;TYPE=work:+33 1 23 45 67 89\r\n"
    "EMAIL;TYPE=home:home@x.example\r\nitem1.EMAIL;TYPE=INTERNET,pref:elodie@acme.example\r\n"
    "NOTE:Met at the fair\\nSpeaks German\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ek;Bo;;;\r\nTEL;VALUE=uri;PREF=1:tel:+46-8-123-456\r\n"
    "URL:https://www.linkedin.com/in/boek\r\nEND:VCARD\r\n"
)


def test_vcard_3_and_4_with_folded_lines_escapes_groups_and_preferred_values():
    parsed, found = rows(VCARDS.encode())
    assert parsed.format == "vcard"
    assert [r.line for r in found] == [1, 13]
    assert found[0].errors == [] and found[1].errors == []
    assert found[0].data == {"name": "Élodie Durand", "organisation": "Acme, Inc.", "department": "Purchasing",
                             "title": "Head of Purchasing", "phone": "+33 1 23 45 67 89",
                             "email": "elodie@acme.example", "notes": "Met at the fair\nSpeaks German"}
    assert found[1].data == {"name": "Bo Ek", "phone": "+46-8-123-456",
                             "linkedin": "https://www.linkedin.com/in/boek"}


def test_vcard_garbage_gives_a_clear_error_per_card_and_keeps_the_good_ones():
    text = ("BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
            "some garbage line\n"
            "BEGIN:VCARD\nVERSION:2.1\nFN:Old One\nthis is not a property\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.example\nEND:VCARD\n"
            "BEGIN:VCARD\nFN:Cut Short\n")
    _, found = rows(text.encode())
    assert [(r.line, r.data.get("name")) for r in found] == [
        (1, "Good One"), (5, None), (6, "Old One"), (11, None), (15, "Cut Short")]
    assert found[0].errors == []
    assert found[1].errors == ["line 5: text outside any card: “some garbage line”"]
    assert found[2].errors == ["card 2 (line 6): line 9 is not a vCard property: “this is not a property”",
                               "card 2 (line 6): vCard version 2.1 is not supported (3.0 or 4.0)"]
    assert found[3].errors == ["card 3 (line 11): no name (FN or N)"]
    assert found[4].errors == ["card 4 (line 15): the file ends before END:VCARD"]
    assert clean(found[3])[1] == found[3].errors  # no "name is required" on top of the card's own error


def test_a_file_that_is_no_vcard_is_refused_when_the_format_is_forced():
    with pytest.raises(ValidationError, match="not a vCard file"):
        formats.parse(b"name\nAnn\n", "vcard")


def test_the_format_is_guessed_from_the_content():
    assert formats.guess("\n  BEGIN:VCARD\nFN:x\n") == "vcard"
    assert formats.guess(LINKEDIN) == "linkedin"
    assert formats.guess("name,email\n") == "csv"
    assert vcard.looks_like("begin:vcard") and not vcard.looks_like("name")


# -- the duplicate rule ----------------------------------------------------------------------------------
def test_names_are_compared_without_accents_case_or_spacing():
    assert plain("  Élodie   DURAND ") == plain("elodie durand") == "elodie durand"
    assert plain("Zoë") == plain("ZOE")


def test_duplicate_pairs_by_email_or_by_name_at_the_same_current_organisation():
    people = [
        {"id": "a", "name": "Ann Lee", "email": "ANN@x.example", "current": [{"id": "o1"}], "created_at": 1},
        {"id": "b", "name": "ann  lée", "email": None, "current": [{"id": "o1"}], "created_at": 2},
        {"id": "c", "name": "Someone Else", "email": "ann@x.example ", "current": [], "created_at": 3},
        {"id": "d", "name": "Ann Lee", "email": None, "current": [{"id": "o2"}], "created_at": 0},
        {"id": "e", "name": "Bob", "email": "bob@x.example", "current": [], "created_at": 0, "user_id": "u"},
        {"id": "f", "name": "Bob", "email": "bob@x.example", "current": [], "created_at": -5},
    ]
    found = {(a["id"], b["id"]): reasons for a, b, reasons in pairs(people)}
    assert found == {("a", "b"): ["same name at the same organisation"], ("a", "c"): ["same e-mail"],
                     ("e", "f"): ["same e-mail"]}  # d works elsewhere; a colleague's record ranks first


def test_a_stray_quote_is_caught_naming_its_line_not_merged_into_one_name():
    """csv would read on from an unclosed quote to the next quote, merging the lines between
    into one cell: a line break in a single-line column rejects the row, naming where it starts."""
    text = 'name,title\nAnn Berry,CEO\n"Bob Stone,CTO\nCarl Dane,CFO\nDora Eve,"COO"\nFred,Buyer\n'
    parsed, found = rows(text.encode())
    merged = next(r for r in found if r.line == 3)
    assert merged.errors and "line 3" in merged.errors[0] and "quote" in merged.errors[0]
    assert [r.line for r in found if not r.errors] == [2, 6]


def test_line_breaks_stay_welcome_in_notes():
    parsed, found = rows('name,notes\nAnn,"met at the fair\nfollow up"\n'.encode())
    assert found[0].errors == [] and found[0].data["notes"] == "met at the fair\nfollow up"
