"""The French pages of events, sharing rules and reviews, introductions, credit, previews, search,
imports, duplicates and alerts, read by a French browser through the test client, flash
messages and form labels included. The English pages of these areas keep their own tests (test_event_pages.py, …)."""

from __future__ import annotations

import html
import io
import re

import pytest

from graph.alerts import Alert
from graph.clock import FixedClock
from graph.model import REVIEW_GRACE_DAYS
from graph.policy import DAY_MS
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, csrf_token, login
from tests.integration.test_search_service import wait_for_indexes
from tests.web.test_intro_pages import world  # noqa: F401 (a fixture: alice → Marie → Paul, carol's locked link)

NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
EVENT_DAY_MS = 1_772_323_200_000  # 2026-03-01T00:00:00Z
FR = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}


@pytest.fixture
def app(store):
    """The app on a clock that moves only when a test says so (event days, reviews falling due)."""
    from app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                      store=store, clock=FixedClock(NOW_MS))


def svc(app):
    return app.extensions["carnet"]


def fr(client, path):
    response = client.get(path, headers=FR)
    assert response.status_code == 200, (path, response.status_code)
    return html.unescape(response.get_data(as_text=True))


def post_fr(client, path, data, form_page):
    """Submit a form of form_page as a French browser does, and read the page it leads to."""
    data = dict(data, csrf_token=csrf_token(client, form_page))
    response = client.post(path, data=data, headers=FR, follow_redirects=True)
    return html.unescape(response.get_data(as_text=True))


def switch(client, username):
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, username)


def test_events_nominations_and_the_inbox_in_french(app, client, web_cast):
    s, cast = svc(app), web_cast
    vip = s.people.create(SYSTEM, {"name": "Victor Vip"})
    s.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": vip["id"],
                                                "strength": 4, "visibility": "exclusive"})
    event = s.events.create(cast.viewer("mona"), {"name": "Summit", "date": "2026-03-01", "capacity": 10})
    n = s.events.nominate(cast.viewer("alice"), event["id"], {"person_id": vip["id"], "reason": "loves wine"})
    url = f"/events/{event['id']}"

    login(client, "bob")
    page = fr(client, "/events")
    assert "<h1>Événements</h1>" in page and "Proposez les contacts à inviter" in page and "1 mars 2026" in page
    assert "Places left" not in page and "2026-03-01" not in page
    page = fr(client, url)
    assert "géré par Mona" in page and "0 approuvé(s) sur 10 places" in page and "Proposer quelqu’un" in page
    assert "Bob (en attente)" in page and "en attente des propriétaires" in page
    assert "J’accepte" in page and "Je refuse" in page and ">Répondre<" in page  # the consent form's labels
    assert "Nominate someone" not in page and "pending owner" not in page and "I consent" not in page
    page = post_fr(client, f"/nominations/{n['id']}/consent", {"decision": "consent"}, url)
    assert "Victor Vip : en attente du responsable." in page

    switch(client, "mona")
    page = fr(client, "/events/new")
    assert "<h1>Nouvel événement</h1>" in page and "Capacité (invités, facultatif)" in page and ">Créer<" in page
    page = fr(client, "/notifications")
    assert "<h1>Messages</h1>" in page and "Tout marquer comme lu" in page and ">Ouvrir<" in page
    assert "Mark all as read" not in page
    page = post_fr(client, f"/nominations/{n['id']}/decision", {"decision": "approve"}, url)
    assert "Victor Vip : approuvée." in page and "à partir du 1 mars 2026" in page
    assert re.search(r"Vous pouvez voir les coordonnées de <a [^>]*>Victor Vip</a> "
                     r"jusqu’au \d+ [^<]*2026[^<]*UTC\. Traitez-les avec soin\.", page)
    s.clock.advance(EVENT_DAY_MS - NOW_MS)
    page = post_fr(client, f"/nominations/{n['id']}/outcome", {"outcome": "declined"}, url)
    # a guest who declined, in the event's words (context "outcome"), not a declined introduction
    assert "résultat enregistré (a décliné) ; les propriétaires sont prévenus" in page
    assert re.search(r'class="badge outcome-declined">a décliné<', page) and "refusée" not in page
    assert "Comment cela s’est-il passé pour Victor Vip ?" in page and ">Mettre à jour<" in page


def test_sharing_rules_and_reviews_in_french(app, client, web_cast):
    s, ada = svc(app), web_cast.viewer("ada")
    org = s.organisations.create(SYSTEM, {"name": "Acme", "kind": "account", "sector": "Energy"})
    s.policy.create(ada, {"name": "Energy reviewed", "sector": "Energy", "outcome": "exclusive", "review_days": 30,
                          "review_grace_days": 7})
    s.policy.create(ada, {"name": "Close deciders", "min_strength": 4, "plan_role": "decision_maker",
                          "outcome": "team", "mode": "forced"})
    alice = web_cast.viewer("alice")
    xavier = s.people.create(SYSTEM, {"name": "Xavier", "organisation_id": org["id"]})
    rel = s.relationships.create(alice, {"person_id": alice.person_id, "other_id": xavier["id"], "strength": 3})

    login(client, "ada")
    page = fr(client, "/policy")
    assert "<h1>Règles de partage</h1>" in page and "Une règle <em>imposée</em>" in page
    assert "secteur Energy" in page and "30 jours, réponse sous 7" in page and "tout le reste" in page
    assert "force ≥ 4 et le contact est Décideur dans un plan de compte" in page
    assert "<td>imposé</td>" in page and '<span class="badge">équipe</span>' in page
    assert ">Ajouter une règle<" in page
    assert "everything else" not in page and "sector Energy" not in page
    page = fr(client, "/policy/new")
    assert "<h1>Nouvelle règle de partage</h1>" in page and "Type d’organisation" in page and "indifférent" in page
    assert "Imposé — le commercial doit garder ce niveau" in page  # graph/policy.py's label, via the extractor
    assert f"Partager avec l’équipe faute de réponse après (jours ; par défaut {REVIEW_GRACE_DAYS})" in page
    assert "Réappliquer les règles" in fr(client, "/policy/reapply")

    s.clock.advance(31 * DAY_MS)
    assert len(s.reviews.run()["asked"]) == 1
    switch(client, "alice")
    page = fr(client, "/reviews")
    assert "<h1>Revues d’exclusivité</h1>" in page and "tous les 30 jours" in page and "févr. 2026" in page
    assert ">Garder exclusif<" in page and ">Partager avec mon équipe<" in page and "Keep exclusive" not in page
    page = post_fr(client, f"/reviews/{rel['id']}", {"decision": "confirm"}, "/reviews")
    assert "Xavier : reste exclusif ; prochaine revue dans 30 jours." in page and "Rien à revoir." in page


def test_introduction_requests_in_french(app, client, web_cast, world):
    form_url = f"/intros/new?target={world['paul']}"
    login(client, "alice")
    page = fr(client, form_url)
    assert "Demander une introduction à" in page and "À qui demander" in page and ">Envoyer la demande<" in page
    assert "qui garde le lien Marie Dubois — Paul Martin" in page and "Message au propriétaire (facultatif)" in page
    page = post_fr(client, "/intros/new", {"target_id": world["paul"], "relationship_id": world["rel"]}, form_url)
    assert "Demande envoyée à Carol : vous trouverez sa réponse dans Demandes." in page
    assert "<h2 id=\"made-h\">Mes demandes</h2>" in page and ">en attente<" in page and "My requests" not in page

    switch(client, "carol")
    page = fr(client, "/intros")
    assert "Demandes qui me sont faites" in page and "Message à Alice (facultatif)" in page and ">Accepter<" in page
    assert "connu de Carol par Marie Dubois" in page and "De la part de" in page
    intro = re.search(r'/intros/([^/"]+)/decision', page).group(1)
    page = post_fr(client, f"/intros/{intro}/decision", {"decision": "accept"}, "/intros")
    assert "Introduction à Paul Martin acceptée." in page and ">acceptée<" in page

    switch(client, "alice")
    page = fr(client, "/intros")
    assert "Coordonnées qui me sont ouvertes par des introductions" in page
    assert "coordonnées ouvertes jusqu’au" in page


def test_credit_and_previews_in_french(app, client, web_cast, world):
    s = svc(app)
    intro = s.intros.request(web_cast.viewer("alice"), {"target_id": world["paul"], "relationship_id": world["rel"]})
    s.intros.decide(web_cast.viewer("carol"), intro["id"], {"decision": "accept"})
    login(client, "sam")
    page = fr(client, "/credit")
    assert "<h1>Crédit des contributeurs</h1>" in page and "Qui ouvre des portes dans vos équipes" in page
    assert "90 derniers jours" in page and "Depuis le début" in page and "Introductions faites" in page
    assert "Last 90 days" not in page and "Introductions made" not in page

    carol = web_cast.id("carol")
    page = fr(client, "/preview")
    assert "<h1>Voir Carnet comme un collègue</h1>" in page and "Carol (South, commercial)" in page
    assert "Fiche personne" in page and "Voir Carnet comme" in page and "Person page" not in page
    page = fr(client, f"/preview/{carol}/people/{world['paul']}")
    assert "Aperçu en tant que Carol</strong> (commercial, South) — lecture seule" in page
    assert "Coordonnées" in page and "Qui peut introduire Carol auprès de Paul Martin ?" in page
    assert "Viewing as" not in page and "Contact details" not in page
    page = fr(client, f"/preview/{carol}/people/{world['paul']}/paths")
    assert "Qui peut introduire Carol auprès de Paul Martin ?" in page and "Jusqu’à" in page
    page = fr(client, f"/preview/{carol}/accounts/{world['thales']}/plan")
    assert "Plan de compte — Thales" in page and "Centre de décision (1)" in page
    assert "Aucune action pour l’instant." in page and "as of" not in page


def test_search_in_french(app, client, web_cast):
    s, ada, alice = svc(app), web_cast.viewer("ada"), web_cast.viewer("alice")
    wait_for_indexes(s)
    acme = s.organisations.create(ada, {"name": "Acmé Énergie", "kind": "account", "sector": "Oil"})
    helene = s.people.create(ada, {"name": "Hélène Dupont", "title": "CFO", "organisation_id": acme["id"]})
    s.relationships.create(alice, {"person_id": alice.person_id, "other_id": helene["id"], "strength": 4,
                                   "context": "former_colleague", "notes": "golf partner", "visibility": "team"})
    login(client, "alice")
    page = fr(client, "/search")
    assert "<h1>Rechercher</h1>" in page and "le début d’un mot suffit : « hél » trouve Hélène" in page
    assert "the start of a word" not in page
    page = fr(client, "/search?q=acme")
    assert "Personnes (1)" in page and "Qui peut m’introduire ?" in page and ">Plan de compte<" in page
    assert '<span class="badge">compte</span>' in page and "Télécharger en CSV" in page
    assert "Who can introduce me?" not in page and "Next step" not in page
    page = fr(client, "/search?q=golf")
    assert "Notes des relations" in page and "connaît" in page and "ancien collègue" in page
    assert '<span class="badge">équipe</span>' in page and "Who knows whom" not in page and " knows" not in page
    page = fr(client, "/search?q=zzzz&kind=person")
    assert "Rien ne correspond à « zzzz » parmi les personnes." in page and ">Tout rechercher<" in page
    assert "Nothing matches" not in page and "among" not in page


def test_imports_in_french(app, client, web_cast):
    login(client, "alice")
    page = fr(client, "/imports")
    assert "<h1>Importer des contacts</h1>" in page and "À quel point connaissez-vous ces personnes ?" in page
    assert "2 — connaissance" in page and "0 — aucune relation" in page and "Selon les règles de partage" in page
    assert "Relations LinkedIn (Connections.csv)" in page and ">Prévisualiser l’import<" in page
    assert "Preview the import" not in page and "0 — no relationship" not in page and "acquaintance" not in page
    data = {"csrf_token": csrf_token(client, "/imports"), "strength": "2", "format": "", "visibility": "",
            "file": (io.BytesIO(b"name,email,organisation\nAnn Lee,ann@x.example,Initech\nBad,nope,\n"), "c.csv")}
    response = client.post("/imports", data=data, content_type="multipart/form-data", headers=FR)
    url = response.headers["Location"]
    page = fr(client, url)
    assert "Rien n’a encore été écrit" in page and '<span class="badge">nouvelle</span>' in page
    assert '<span class="badge">rejetée</span>' in page and "Importer 1 ligne(s)" in page
    assert "Importer seulement les lignes valides" in page and "Toutes les lignes" in page
    assert "Nothing has been written" not in page and "All rows" not in page
    page = post_fr(client, f"{url}/commit", {"valid_rows": "y"}, url)
    assert "Import terminé : 1 personne(s) et 1 organisation(s) créées" in page and "Statut :" in page
    assert '<span class="badge">importé</span>' in page and "Imported:" not in page and "Status:" not in page
    page = fr(client, "/imports")
    assert "Vos imports récents" in page and '<span class="badge">importé</span>' in page


def test_duplicates_in_french(app, client, web_cast):
    s, mona = svc(app), web_cast.viewer("mona")  # she entered both: she sees both in full
    one = s.people.create(mona, {"name": "Dup Licate", "email": "dup@x.example"})
    two = s.people.create(mona, {"name": "Dup Licate", "email": "DUP@x.example"})
    login(client, "mona")
    page = fr(client, "/duplicates")
    assert "<h1>Doublons de personnes</h1>" in page and "<td>même e-mail</td>" in page
    assert ">Fusionner<" in page and "garder l’autre" in page
    assert "same e-mail" not in page and "Merge into it" not in page
    page = post_fr(client, "/duplicates/merge", {"keep_id": one["id"], "drop_id": two["id"]}, "/duplicates")
    assert "Fusionné dans Dup Licate : rien n’a été perdu" in page and "Merged into" not in page
    assert "Aucun doublon trouvé." in fr(client, "/duplicates")


def test_alerts_in_french(app, client, web_cast):
    alerts = svc(app).alerts.deliver([Alert("stale", f"stale:{n}", web_cast.id("alice"), f"Call {n}", "/people")
                                      for n in ("Olga", "Igor")])
    login(client, "alice")
    page = fr(client, "/alerts")
    assert "<h1>Alertes</h1>" in page and "Relation qui se refroidit" in page and ">Reporter<" in page
    assert "Relationship going cold" not in page and ">Snooze<" not in page
    page = post_fr(client, f"/alerts/{alerts[0]['id']}/snooze", {"days": "1"}, "/alerts")
    assert "Alerte reportée de 1 jour." in page and "snoozed" not in page
    page = post_fr(client, f"/alerts/{alerts[1]['id']}/dismiss", {}, "/alerts")
    assert "Alerte ignorée." in page and "Rien ne requiert votre attention." in page
    assert "Alert dismissed" not in page and "Nothing needs" not in page
