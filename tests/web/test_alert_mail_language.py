"""Alert e-mails speak the recipient's language: their FR | EN choice, else the browser's
language at their first login (a cron job has no page to read it from)."""

from __future__ import annotations

from graph.adapters.mailer import SmtpMailer
from graph.visibility import SYSTEM
from tests.conftest import csrf_token, login
from tests.smtp import smtp_inbox


def cold_relationship(services, cast, username, email):
    services.people.update(SYSTEM, cast.person(username), {"email": email})
    org = services.organisations.create(SYSTEM, {"name": f"Acme {username}", "kind": "account"})
    person = services.people.create(SYSTEM, {"name": f"Olga {username.title()}", "title": "CFO",
                                             "organisation_id": org["id"]})
    services.relationships.create(cast.viewer(username), {"person_id": cast.person(username), "other_id": person["id"],
                                                          "strength": 4, "visibility": "team",
                                                          "last_contact": "2025-01-10"})


def test_each_recipient_reads_the_alert_mail_in_their_language(app, web_cast):
    services = app.extensions["carnet"]
    alice, bob, carol = (app.test_client() for _ in range(3))
    login(alice, "alice")  # English browser, then switches to French
    alice.post("/lang", data={"lang": "fr", "next": "/", "csrf_token": csrf_token(alice)})
    bob.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR,fr;q=0.9"
    login(bob, "bob")  # a French browser, no explicit choice
    login(carol, "carol")  # English all along
    for username in ("alice", "bob", "carol"):
        cold_relationship(services, web_cast, username, f"{username}@example.test")
    with smtp_inbox() as (box, port):
        services.alerts.mailer = SmtpMailer("127.0.0.1", port, "carnet@example.test")
        with app.app_context():
            services.alerts.run()
    mails = {to[0].split("@")[0]: (subject, body) for to, subject, body in box.read()}
    assert set(mails) == {"alice", "bob", "carol"}
    for username in ("alice", "bob"):
        subject, body = mails[username]
        assert subject == "Carnet: Relation qui se refroidit" and f"Olga {username.title()}" in body
        assert "going cold" not in subject + body
        assert "10 janv. 2025" in body and "2025-01-10" not in body  # the last contact, in French style
    subject, body = mails["carol"]
    assert subject == "Carnet: Relationship going cold" and "Olga Carol" in body
    assert "2025-01-10" in body
