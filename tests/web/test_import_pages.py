"""The import pages (upload, dry-run preview, commit, discard, template) and the duplicates page."""

from __future__ import annotations

import io
import re

from tests.conftest import csrf_token, login

LINKEDIN = ("Notes:\n\"Some e-mail addresses may be missing.\"\n\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Nina,Berg,https://www.linkedin.com/in/nberg,nina@berg.example,Umbrella,CTO,02 Feb 2023\n")


def upload(client, content: bytes, filename="contacts.csv", **fields):
    data = {"csrf_token": csrf_token(client, "/imports"), "strength": "2", "format": "", "visibility": "",
            **fields, "file": (io.BytesIO(content), filename)}
    return client.post("/imports", data=data, content_type="multipart/form-data")


def import_id(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    return re.search(r"/imports/([0-9a-f]+)$", response.headers["Location"]).group(1)


def test_upload_preview_then_commit_the_valid_rows(app, client, web_cast):
    login(client, "alice")
    uid = import_id(upload(client, b"name,email,organisation\nAnn Lee,ann@x.example,Initech\nBad,nope,\n"))
    page = client.get(f"/imports/{uid}").get_data(as_text=True)
    assert "Nothing has been written yet" in page
    assert re.search(r"<td>2</td>\s*<td><span class=\"badge\">new</span>", page)
    assert re.search(r"<td>3</td>\s*<td><span class=\"badge\">rejected</span>", page)
    assert "email is not a valid address" in page and "Initech (new organisation)" in page
    services = app.extensions["carnet"]
    alice = web_cast.viewer("alice")

    token = csrf_token(client, f"/imports/{uid}")
    refused = client.post(f"/imports/{uid}/commit", data={"csrf_token": token}, follow_redirects=True)
    assert "1 row(s) have errors, so nothing was imported: line 3: email is not a valid address" in \
        refused.get_data(as_text=True)
    assert services.relationships.owned(alice) == []

    done = client.post(f"/imports/{uid}/commit", data={"csrf_token": token, "valid_rows": "y"},
                       follow_redirects=True)
    assert "Imported: 1 people and 1 organisations created" in done.get_data(as_text=True)
    assert [r["other_name"] for r in services.relationships.owned(alice)] == ["Ann Lee"]
    again = client.post(f"/imports/{uid}/commit", data={"csrf_token": token, "valid_rows": "y"},
                        follow_redirects=True)
    assert "already been imported" in again.get_data(as_text=True)
    assert len(services.relationships.owned(alice)) == 1
    listing = client.get("/imports").get_data(as_text=True)
    assert "contacts.csv" in listing and "committed" in listing


def test_a_linkedin_export_with_one_strength_for_the_file(app, client, web_cast):
    login(client, "bob")
    uid = import_id(upload(client, LINKEDIN.encode("utf-8-sig"), "Connections.csv", strength="4"))
    page = client.get(f"/imports/{uid}").get_data(as_text=True)
    assert "linkedin file (utf-8 (BOM))" in page and "you know them: strength 4" in page
    client.post(f"/imports/{uid}/commit", data={"csrf_token": csrf_token(client, f"/imports/{uid}")})
    rel = app.extensions["carnet"].relationships.owned(web_cast.viewer("bob"))[0]
    assert (rel["other_name"], rel["strength"], rel["since"]) == ("Nina Berg", 4, "2023-02-02")


def test_an_unreadable_file_is_refused_on_the_form_naming_what_is_missing(client, web_cast):
    login(client, "alice")
    response = upload(client, b"email;phone\nx@y.example;123\n")
    assert response.status_code == 400
    assert "missing column: name (or first_name and last_name); the header has: email, phone" in \
        response.get_data(as_text=True)


def test_the_preview_shows_an_existing_person_by_public_fields_only(app, client, web_cast):
    services = app.extensions["carnet"]
    alice = web_cast.viewer("alice")
    acme = services.organisations.create(alice, {"name": "Acme", "kind": "account"})
    secret = services.people.create(alice, {"name": "Vera Secret", "title": "CEO", "organisation_id": acme["id"],
                                            "email": "vera@private.example", "phone": "+33 6 99 99 99 99",
                                            "notes": "HIDDEN-NOTE"})
    services.relationships.create(alice, {"person_id": alice.person_id, "other_id": secret["id"], "strength": 5,
                                          "visibility": "private", "notes": "PRIVATE-REL-NOTE"})
    login(client, "carol")
    uid = import_id(upload(client, b"name,email,organisation\nVera Secret,vera@private.example,Acme\n"))
    page = client.get(f"/imports/{uid}").get_data(as_text=True)
    assert "will merge into existing Vera Secret (Acme)" in page
    for hidden in ("99 99", "HIDDEN-NOTE", "PRIVATE-REL-NOTE", "same e-mail", "already recorded", "strength 5"):
        assert hidden not in page


def test_someone_elses_upload_is_not_found_and_discard_removes_it(client, web_cast):
    login(client, "alice")
    uid = import_id(upload(client, b"name\nAnn\n"))
    other = client.application.test_client()
    login(other, "bob")
    assert other.get(f"/imports/{uid}").status_code == 404
    token = csrf_token(client, f"/imports/{uid}")
    assert client.post(f"/imports/{uid}/discard", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/imports/{uid}").status_code == 404


def test_the_template_downloads_as_csv(client, web_cast):
    login(client, "carol")
    response = client.get("/imports/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.get_data(as_text=True).startswith("name,first_name,last_name,email,")


def test_the_duplicates_page_and_merge(app, client, web_cast):
    services = app.extensions["carnet"]
    ada, mona = web_cast.viewer("ada"), web_cast.viewer("mona")
    one = services.people.create(mona, {"name": "Dup Licate", "email": "dup@x.example"})
    two = services.people.create(mona, {"name": "Dup Licate", "email": "DUP@x.example"})
    acme = services.organisations.create(ada, {"name": "Acme", "kind": "account"})["id"]
    hidden = [services.people.create(ada, {"name": "Hid Den", "email": "hid@x.example", "organisation_id": acme})["id"]
              for _ in range(2)]
    by_email = [services.people.create(ada, {"name": name, "email": "only@x.example"})["id"]
                for name in ("Only Mail", "Same Mail")]  # met by an e-mail mona may not read: not listed
    rep = client.application.test_client()
    login(rep, "alice")
    assert rep.get("/duplicates").status_code == 403
    login(client, "mona")
    page = client.get("/duplicates").get_data(as_text=True)
    assert "same e-mail" in page and "dup@x.example" not in page.lower() and "hid@x.example" not in page.lower()
    assert page.count('name="drop_id"') == 2  # the pair mona entered (and its reverse), not the hidden one
    assert "you do not see both records in full" in page  # the namesakes, listed by their public fields
    assert "same name at the same organisation" in page and not any(i in page for i in by_email)
    refused = client.post("/duplicates/merge", data={"csrf_token": csrf_token(client, "/duplicates"),
                                                     "keep_id": hidden[0], "drop_id": hidden[1]})
    assert refused.status_code == 404
    response = client.post("/duplicates/merge", data={"csrf_token": csrf_token(client, "/duplicates"),
                                                      "keep_id": one["id"], "drop_id": two["id"]})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/people/{one['id']}")
    page = client.get("/duplicates").get_data(as_text=True)
    assert "Merged into Dup Licate" in page and f"/people/{two['id']}" not in page and "Hid Den" in page
    assert client.get(f"/people/{two['id']}").status_code == 404


def test_a_file_with_a_header_only_is_refused_at_once(client, web_cast):
    login(client, "alice")
    response = upload(client, b"name,email\n")
    assert response.status_code == 400
    assert "the file has a header but no rows to import" in response.get_data(as_text=True)
