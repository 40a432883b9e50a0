"""The demo data set (`flask --app app demo load`): a fictional French key-account team and its
market — accounts with subsidiaries, partners, suppliers, schools, org charts, careers,
education and the team's address books at every strength, context and visibility level.

Everything is derived from a fixed seed, and every id from a stable key (uuid5), so the data
is the same on every run. The loader MERGEs on those ids and then leaves a (:Meta {key:'demo'})
marker: a second run sees the marker and writes nothing, and a run interrupted half-way is
completed by the next one. All companies, people, schools, e-mail domains (.example) and
phone numbers (the +33 1 99 00 range reserved for fiction) are invented."""

from __future__ import annotations

import datetime as _dt
import random
import unicodedata
import uuid

from .errors import Conflict
from .model import CONTEXTS, STRENGTHS, VISIBILITIES
from .visibility import credit_details

SEED = 20240917
DATA_VERSION = 1
PASSWORD = "carnet-demo"  # printed with the logins; the demo is for trying Carnet, not for real data
_NAMESPACE = uuid.UUID("5b1c7e2a-9f0d-4c3e-8a61-c0ffee5eed01")
BATCH = 1000


def did(kind: str, key: str) -> str:
    """A stable id for a demo object: the same on every run and every machine."""
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}").hex


# -- the team (users) ------------------------------------------------------------------------------
OWN_COMPANY = "solvea"
TEAMS = ("Grands comptes Nord", "Grands comptes Sud", "Partenaires & alliances")

# username, name, role, team, title, gender
USERS = (
    ("helene", "Hélène Marchand", "manager", TEAMS[0], "Directrice grands comptes Nord", "f"),
    ("julien", "Julien Lefèvre", "rep", TEAMS[0], "Ingénieur commercial grands comptes", "m"),
    ("camille", "Camille Rousseau", "rep", TEAMS[0], "Ingénieure commerciale grands comptes", "f"),
    ("thomas", "Thomas Girard", "rep", TEAMS[0], "Ingénieur commercial grands comptes", "m"),
    ("sarah", "Sarah Benali", "rep", TEAMS[0], "Ingénieure commerciale", "f"),
    ("marc", "Marc Fontaine", "manager", TEAMS[1], "Directeur grands comptes Sud", "m"),
    ("lea", "Léa Moreau", "rep", TEAMS[1], "Ingénieure commerciale grands comptes", "f"),
    ("nicolas", "Nicolas Faure", "rep", TEAMS[1], "Ingénieur commercial grands comptes", "m"),
    ("ines", "Inès Chevalier", "rep", TEAMS[1], "Ingénieure commerciale", "f"),
    ("antoine", "Antoine Mercier", "rep", TEAMS[1], "Ingénieur commercial", "m"),
    ("sophie", "Sophie Lambert", "manager", TEAMS[2], "Directrice partenariats", "f"),
    ("karim", "Karim Haddad", "rep", TEAMS[2], "Responsable alliances", "m"),
    ("paul", "Paul Renaud", "admin", None, "Responsable CRM et outils commerciaux", "m"),
)

# Earlier jobs of some of the team at today's accounts and partners: former-colleague ties.
USER_PAST = {
    "julien": ("transalpes", "Responsable logistique", "2009-03-01", "2015-08-31"),
    "lea": ("valmont", "Analyste crédit", "2011-09-01", "2016-06-30"),
    "thomas": ("datanova", "Consultant", "2012-01-01", "2017-03-31"),
    "ines": ("aurelia", "Chargée d'affaires", "2014-02-01", "2019-05-31"),
    "karim": ("cybelle", "Ingénieur avant-vente", "2013-04-01", "2018-09-30"),
    "marc": ("metallia", "Acheteur industriel", "2006-01-01", "2012-12-31"),
}

# -- organisations -----------------------------------------------------------------------------------
# key, name, kind, sector, country, parent key, covering team index (None: nobody in particular)
ORGANISATIONS = (
    ("solvea", "Solvéa Systèmes", "other", "Logiciels industriels", "France", None, None),
    ("aurelia", "Groupe Aurelia", "account", "Énergie", "France", None, 0),
    ("aurelia_reseaux", "Aurelia Réseaux", "account", "Énergie", "France", "aurelia", 0),
    ("aurelia_solaire", "Aurelia Solaire", "account", "Énergie", "France", "aurelia", 0),
    ("valmont", "Banque Valmont", "account", "Banque et assurance", "France", None, 0),
    ("valmont_assurances", "Valmont Assurances", "account", "Banque et assurance", "France", "valmont", 0),
    ("valmont_gestion", "Valmont Gestion Privée", "account", "Banque et assurance", "Luxembourg", "valmont", 0),
    ("clinea", "Clinéa Santé", "prospect", "Santé", "France", None, 0),
    ("clinea_lab", "Clinéa Laboratoires", "prospect", "Santé", "France", "clinea", 0),
    ("transalpes", "Transalpes Logistique", "account", "Transport et logistique", "France", None, 1),
    ("transalpes_italia", "Transalpes Italia", "account", "Transport et logistique", "Italie", "transalpes", 1),
    ("nordhavn", "Nordhavn Maritime", "account", "Transport maritime", "Danemark", None, 1),
    ("nordhavn_france", "Nordhavn France", "account", "Transport maritime", "France", "nordhavn", 1),
    ("metallia", "Métallia Industries", "account", "Industrie", "Belgique", None, 1),
    ("metallia_lorraine", "Métallia Lorraine", "account", "Industrie", "France", "metallia", 1),
    ("orbis", "Orbis Conseil", "partner", "Conseil", "France", None, 2),
    ("datanova", "Datanova Intégration", "partner", "Services numériques", "France", None, 2),
    ("cybelle", "Cybelle Cloud", "supplier", "Hébergement", "France", None, 2),
    ("verdier", "Verdier Événements", "supplier", "Événementiel", "France", None, 2),
    ("ipg", "Institut Polytechnique de Garonne", "school", "Enseignement supérieur", "France", None, None),
    ("vauban", "ESC Vauban Business School", "school", "Enseignement supérieur", "France", None, None),
    ("armorique", "Université Lumière-Armorique", "school", "Enseignement supérieur", "France", None, None),
    ("rheinwald", "Hochschule Rheinwald", "school", "Enseignement supérieur", "Allemagne", None, None),
)
SCHOOLS = ("ipg", "vauban", "armorique", "rheinwald")
PHONE_PREFIX = {"France": "+33 1 99 00", "Luxembourg": "+352 20 99", "Italie": "+39 02 9900",
                "Danemark": "+45 99 00", "Belgique": "+32 2 990", "Allemagne": "+49 30 9900"}

# Org charts: slot, title (masculine), title (feminine), department, boss slot.
GROUP_CHART = (
    ("ceo", "Président-directeur général", "Présidente-directrice générale", "Direction générale", None),
    ("cfo", "Directeur administratif et financier", "Directrice administrative et financière", "Finance", "ceo"),
    ("cio", "Directeur des systèmes d'information", "Directrice des systèmes d'information", "DSI", "ceo"),
    ("coo", "Directeur des opérations", "Directrice des opérations", "Opérations", "ceo"),
    ("cpo", "Directeur des achats", "Directrice des achats", "Achats", "ceo"),
    ("hr", "Directeur des ressources humaines", "Directrice des ressources humaines", "RH", "ceo"),
    ("cso", "Directeur commercial", "Directrice commerciale", "Ventes", "ceo"),
    ("infra", "Responsable infrastructure", "Responsable infrastructure", "DSI", "cio"),
    ("apps", "Responsable applications métier", "Responsable applications métier", "DSI", "cio"),
    ("ciso", "Responsable sécurité (RSSI)", "Responsable sécurité (RSSI)", "DSI", "cio"),
    ("control", "Contrôleur de gestion", "Contrôleuse de gestion", "Finance", "cfo"),
    ("buyer", "Acheteur IT", "Acheteuse IT", "Achats", "cpo"),
    ("supply", "Responsable supply chain", "Responsable supply chain", "Opérations", "coo"),
    ("site", "Directeur de site", "Directrice de site", "Opérations", "coo"),
    ("pm", "Chef de projet SI", "Cheffe de projet SI", "DSI", "apps"),
    ("data", "Responsable data", "Responsable data", "DSI", "apps"),
)
SUBSIDIARY_CHART = (
    ("dg", "Directeur général", "Directrice générale", "Direction générale", None),  # reports to the group CEO
    ("it", "Responsable informatique", "Responsable informatique", "DSI", "dg"),
    ("buyer", "Responsable achats", "Responsable achats", "Achats", "dg"),
    ("finance", "Responsable financier", "Responsable financière", "Finance", "dg"),
)
FIRM_CHART = (
    ("head", "Associé gérant", "Associée gérante", "Direction", None),
    ("accounts", "Directeur de clientèle", "Directrice de clientèle", "Commercial", "head"),
    ("senior", "Consultant senior", "Consultante senior", "Projets", "accounts"),
)
OWN_CHART = (
    ("ceo", "Directeur général", "Directrice générale", "Direction générale", None),
    ("sales", "Directeur commercial", "Directrice commerciale", "Ventes", "ceo"),
)
PAST_TITLES = (("Chef de projet", "Cheffe de projet"), ("Consultant", "Consultante"),
               ("Responsable achats", "Responsable achats"), ("Analyste financier", "Analyste financière"),
               ("Ingénieur d'affaires", "Ingénieure d'affaires"), ("Responsable qualité", "Responsable qualité"))

FEMALE = ("Agnès", "Alice", "Amandine", "Anne", "Aurélie", "Béatrice", "Caroline", "Cécile", "Charlotte",
          "Chloé", "Claire", "Delphine", "Élise", "Émilie", "Florence", "Gaëlle", "Isabelle", "Jeanne", "Julie",
          "Laure", "Lucie", "Manon", "Margaux", "Marie", "Mathilde", "Nathalie", "Océane", "Pauline",
          "Sandrine", "Séverine", "Solène", "Valérie", "Virginie", "Zoé", "Astrid", "Ingrid", "Chiara", "Elena")
MALE = ("Adrien", "Alexandre", "Arnaud", "Baptiste", "Benoît", "Bruno", "Christophe", "Damien", "David",
        "Denis", "Éric", "Étienne", "Fabien", "François", "Frédéric", "Gaël", "Guillaume", "Hugo", "Jérôme",
        "Laurent", "Loïc", "Luc", "Mathieu", "Maxime", "Olivier", "Patrick", "Philippe", "Pierre", "Quentin",
        "Raphaël", "Rémi", "Romain", "Sébastien", "Stéphane", "Vincent", "Xavier", "Yann", "Lars", "Matteo")
LAST = ("Barbier", "Bertin", "Blanchard", "Bonnet", "Bouvier", "Brun", "Carpentier", "Caron", "Collet",
        "Colin", "Dubois", "Dufour", "Dumas", "Durand", "Fabre", "Fleury", "Fournier", "Gaillard", "Garnier",
        "Gauthier", "Guérin", "Guillot", "Hubert", "Jacquet", "Joly", "Lacroix", "Laine", "Langlois",
        "Lebrun", "Leclerc", "Lefebvre", "Legrand", "Lemaire", "Lemoine", "Leroy", "Lucas", "Maillard",
        "Martinez", "Masson", "Meunier", "Michaud", "Morel", "Muller", "Noël", "Perrin", "Picard", "Poirier",
        "Renard", "Rey", "Roche", "Roussel", "Roux", "Royer", "Schmitt", "Tessier", "Vidal", "Weber",
        "Baudin", "Charpentier", "Delmas", "Ferrand", "Giraud", "Hamon", "Jourdan", "Kieffer", "Lenoir",
        "Marchal", "Navarro", "Pasquier", "Rivière", "Texier", "Andersen", "Rossi", "Peeters", "Janssens")

NOTES = ("Rencontré au salon IndusTech de Lyon.", "Préfère être appelé le matin.",
         "Sponsor du projet de migration ERP.", "Sceptique sur notre offre cloud ; à rassurer sur la sécurité.",
         "Ancien camarade de promotion.", "Décide seul au-delà de 200 k€.", "Joue au golf avec notre DG.",
         "Très attaché aux références clients dans son secteur.")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def _date(year: int, month: int = 1, day: int = 1) -> str:
    return _dt.date(year, month, day).isoformat()


def build(today: _dt.date, now_ms: int) -> dict:
    """The whole data set as plain rows for the loader (pure: no store, no hashing)."""
    rng = random.Random(SEED)
    orgs = {o[0]: o for o in ORGANISATIONS}
    admin_id = did("user", "paul")
    day_ms = 86_400_000

    def created(max_days: int = 700) -> int:
        return now_ms - rng.randint(30, max_days) * day_ms

    organisations = [{"id": did("org", key), "name": name, "kind": kind, "sector": sector, "country": country,
                      "created_by": admin_id, "created_at": created()}
                     for key, name, kind, sector, country, _, _ in ORGANISATIONS]
    part_of = [{"child_id": did("org", key), "parent_id": did("org", parent)}
               for key, _, _, _, _, parent, _ in ORGANISATIONS if parent]

    # Users and their own people.
    users, logins, memberships, manages = [], [], [], []
    team_users = {team: [] for team in TEAMS}
    person_of = {}  # person key -> person row
    for username, name, role, team, title, _ in USERS:
        user_id, person_id = did("user", username), did("person", f"user/{username}")
        users.append({
            "user": {"id": user_id, "username": username, "password": PASSWORD, "role": role, "name": name,
                     "active": True, "auth_epoch": 0, "created_at": created()},
            "person": {"id": person_id, "name": name, "title": title, "colleague": True,
                       "email": f"{username}@solvea.example", "created_by": user_id, "created_at": created()},
        })
        person_of[f"user/{username}"] = users[-1]["person"]
        logins.append({"username": username, "password": PASSWORD, "role": role, "team": team, "name": name})
        if team:
            team_users[team].append(username)
            memberships.append({"user_id": user_id, "team": team})
            if role == "manager":
                manages.append({"user_id": user_id, "team": team})
    teams = [{"name": t, "id": did("team", t), "created_at": created()} for t in TEAMS]

    # Everyone else: org charts with reporting lines.
    used_names = {u[1] for u in USERS}
    people, positions, reports_to = [], [], []
    staff = {}  # org key -> [(person key, slot)]
    gender_of, start_of = {}, {}

    def new_name(gender: str) -> str:
        while True:
            name = f"{rng.choice(FEMALE if gender == 'f' else MALE)} {rng.choice(LAST)}"
            if name not in used_names:
                used_names.add(name)
                return name

    def covering_user(org_key: str) -> str:
        team_index = orgs[org_key][6]
        if team_index is None:
            return "paul"
        return rng.choice(team_users[TEAMS[team_index]])

    for key, _, kind, _, country, parent, _ in ORGANISATIONS:
        if kind == "school":
            continue
        chart = (OWN_CHART if key == OWN_COMPANY else SUBSIDIARY_CHART if parent
                 else FIRM_CHART if kind in ("partner", "supplier") else GROUP_CHART)
        domain = key.split("_")[0]
        for slot, title_m, title_f, department, boss in chart:
            pkey = f"{key}/{slot}"
            gender = rng.choice("fm")
            name = new_name(gender)
            first, last = name.split(" ", 1)
            author = covering_user(key)
            person = {"id": did("person", pkey), "name": name, "title": title_f if gender == "f" else title_m,
                      "email": f"{_ascii(first)}.{_ascii(last)}@{domain}.example",
                      "phone": f"{PHONE_PREFIX[country]} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                      "created_by": did("user", author), "created_at": created()}
            person["updated_at"] = person["created_at"]
            if rng.random() < 0.12:
                person["notes"] = rng.choice(NOTES)
            people.append(person)
            person_of[pkey] = person
            gender_of[pkey] = gender
            staff.setdefault(key, []).append((pkey, slot))
            start = rng.randint(2004, 2023)
            start_of[pkey] = start
            positions.append({"person_id": person["id"], "organisation_id": did("org", key), "props": {
                "id": did("works", f"{pkey}/current"), "title": person["title"], "department": department,
                "start": _date(start, rng.randint(1, 12)), "created_at": person["created_at"]}})
            boss_key = f"{key}/{boss}" if boss else (f"{parent}/ceo" if parent else None)
            if boss_key:
                reports_to.append({"person_id": person["id"], "boss_id": did("person", boss_key)})

    # Colleagues work at our own company and report to its sales director (managers) or manager.
    for username, _, role, team, title, gender in USERS:
        pkey = f"user/{username}"
        gender_of[pkey] = gender
        start = rng.randint(2015, 2023)
        start_of[pkey] = start
        positions.append({"person_id": did("person", pkey), "organisation_id": did("org", OWN_COMPANY), "props": {
            "id": did("works", f"{pkey}/current"), "title": title, "department": "Ventes",
            "start": _date(start, rng.randint(1, 12)), "created_at": person_of[pkey]["created_at"]}})
        manager = next((u[0] for u in USERS if u[3] == team and u[2] == "manager"), None) if team else None
        boss_key = f"user/{manager}" if role == "rep" and manager else f"{OWN_COMPANY}/sales"
        reports_to.append({"person_id": did("person", pkey), "boss_id": did("person", boss_key)})

    # Careers: earlier jobs (ended WORKS_AT) give former-colleague ties.
    past = {}  # person key -> (org key, start, end)
    firms = [o[0] for o in ORGANISATIONS if o[2] != "school" and o[0] != OWN_COMPANY]
    for username, (org_key, title, start, end) in USER_PAST.items():
        past[f"user/{username}"] = (org_key, start, end)
        positions.append({"person_id": did("person", f"user/{username}"), "organisation_id": did("org", org_key),
                          "props": {"id": did("works", f"user/{username}/past"), "title": title,
                                    "start": start, "end": end, "created_at": created()}})
    for org_key, members in staff.items():
        family = {org_key, orgs[org_key][5]} - {None}
        for pkey, _ in members:
            if rng.random() >= 0.35 or org_key == OWN_COMPANY:
                continue
            other = rng.choice([f for f in firms if f not in family and orgs[f][5] not in family])
            end_year = start_of[pkey]
            start_year = end_year - rng.randint(3, 9)
            titles = rng.choice(PAST_TITLES)
            start, end = _date(start_year, rng.randint(1, 12)), _date(end_year, 1, 1)
            past[pkey] = (other, start, end)
            positions.append({"person_id": did("person", pkey), "organisation_id": did("org", other), "props": {
                "id": did("works", f"{pkey}/past"), "title": titles[1] if gender_of[pkey] == "f" else titles[0],
                "start": start, "end": end, "created_at": created()}})

    # Education: shared schools.
    education, school_of = [], {}
    for pkey in sorted(person_of):
        if rng.random() >= 0.7:
            continue
        school = rng.choice(SCHOOLS)
        first_job = min(start_of[pkey], int(past[pkey][1][:4]) if pkey in past else 9999)
        end_year = first_job - rng.randint(0, 2)
        school_of[pkey] = school
        education.append({"person_id": did("person", pkey), "school_id": did("org", school), "props": {
            "id": did("studied", pkey), "start": _date(end_year - rng.choice((3, 5)), 9, 1),
            "end": _date(end_year, 6, 30), "created_at": created()}})

    knows = _address_books(rng, today, now_ms, person_of, staff, school_of, past, team_users, orgs)
    plans = _account_plans(today, now_ms, person_of, staff, knows, team_users, orgs)
    people += plans.pop("people")
    positions += plans.pop("positions")
    reports_to += plans.pop("reports_to")
    return {"organisations": organisations, "part_of": part_of, "teams": teams, "users": users,
            "memberships": memberships, "manages": manages, "people": people, "positions": positions,
            "reports_to": reports_to, "education": education, "knows": knows, "logins": logins, **plans}


def _address_books(rng, today, now_ms, person_of, staff, school_of, past, team_users, orgs) -> list[dict]:
    """KNOWS rows: each colleague's contacts, a few colleague pairs, and ties the team recorded
    between two outsiders."""
    pairs, rows = set(), []
    strengths = (1, 2, 3, 4, 5)
    strength_weights = (15, 25, 30, 20, 10)
    visibility_weights = (15, 35, 30, 20)

    def add(owner: str, a: str, b: str, context: str, visibility: str | None = None) -> None:
        ida, idb = did("person", a), did("person", b)
        ends = "|".join(sorted((ida, idb)))
        if a == b or ends in pairs:  # the demo data set records each pair once
            return
        pairs.add(ends)
        since = today - _dt.timedelta(days=rng.randint(90, 4000))
        last = max(since, today - _dt.timedelta(days=rng.randint(2, 420)))
        props = {"id": did("knows", ends), "strength": rng.choices(strengths, strength_weights)[0], "context": context,
                 "visibility": visibility or rng.choices(VISIBILITIES, visibility_weights)[0],
                 "since": since.isoformat(), "last_contact": last.isoformat(), "owner": did("user", owner),
                 "created_at": now_ms - rng.randint(1, 600) * 86_400_000}
        props["updated_at"] = props["created_at"]
        if rng.random() < 0.2:
            props["notes"] = rng.choice(NOTES)
        rows.append({"person_id": ida, "other_id": idb, "props": props})

    def context_for(a: str, b: str, org_key: str) -> str:
        if orgs[org_key][2] in ("partner", "supplier"):
            return "partner"
        if a in past and past[a][0] == org_key:
            return "former_colleague"
        if school_of.get(a) and school_of.get(a) == school_of.get(b) and rng.random() < 0.6:
            return "school"
        return rng.choices(("client", "event", "friend", "family", "other"), (55, 20, 10, 3, 12))[0]

    for index, team in enumerate(TEAMS):
        covered = [k for k, o in orgs.items() if o[6] == index]
        contacts = [pkey for k in covered for pkey, _ in staff[k]]
        outside = [pkey for k, members in staff.items() if k not in covered and k != OWN_COMPANY
                   for pkey, _ in members]
        for username in team_users[team]:
            me = f"user/{username}"
            for other in rng.sample(contacts, min(len(contacts), 10)) + rng.sample(outside, 2):
                add(username, me, other, context_for(me, other, other.split("/")[0]))
            mate = rng.choice([u for u in team_users[team] if u != username])
            add(username, me, f"user/{mate}", "colleague", rng.choice(("team", "company")))
        # Ties between two outsiders, recorded by someone of the covering team.
        for _ in range(8):
            a, b = rng.sample(contacts + outside[:10], 2)
            add(rng.choice(team_users[team]), a, b, rng.choice(("client", "former_colleague", "event", "other")))
    add("paul", "user/paul", "solvea/sales", "colleague", "company")
    _cover_every_value(rows)
    return rows


# -- account plans -------------------------------------------------------------------------------
# account key, status, period, objectives, covering team index
PLANS = (
    ("aurelia", "active", ("2026-01-01", "2026-12-31"),
     ("Signer le renouvellement du contrat cadre de supervision réseau",
      "Entrer chez Aurelia Solaire avec un pilote de maintenance prédictive",
      "Rencontrer la direction financière avant le comité d'investissement de juin")),
    ("valmont", "draft", ("2026-03-01", "2027-02-28"),
     ("Qualifier le projet de refonte du poste de travail", "Identifier un sponsor côté Valmont Assurances")),
    ("transalpes", "on_hold", (None, None), ("Relancer après la réorganisation de la DSI",)),
)
# slot -> (role, stance, influence): the DMU of a group, every role and stance present
DMU = (("ceo", "decision_maker", "neutral", 5), ("cfo", "economic_buyer", "ally", 4),
       ("cio", "decision_maker", "strong_ally", 5), ("cpo", "gatekeeper", "neutral", 3),
       ("coo", "influencer", "opponent", 4), ("ciso", "influencer", "strong_opponent", 3),
       ("apps", "champion", "strong_ally", 4), ("buyer", "gatekeeper", "ally", 2),
       ("pm", "user", "ally", 2), ("data", "coach", "strong_ally", 2))
LEAVER_SLOT = "cpo"  # the plan's gatekeeper left; someone now holds the title


def _account_plans(today, now_ms, person_of, staff, knows, team_users, orgs) -> dict:
    """Plans for the demo accounts that show every feature: every role and stance, covered and
    uncovered decision makers (gaps with warm paths), a single-threaded champion, an opponent
    the decision maker listens to, a member who left (with a successor holding the title), and
    actions in every status, one overdue. Own RNG, so the rest of the data set is unchanged."""
    rng = random.Random(SEED + 4)
    covered: dict = {}  # person id -> colleagues' user ids with a non-private tie
    colleague_people = {did("person", f"user/{u}"): u for team in team_users.values() for u in team}
    for row in knows:
        for a, b in ((row["person_id"], row["other_id"]), (row["other_id"], row["person_id"])):
            if a in colleague_people and row["props"]["visibility"] != "private":
                covered.setdefault(b, set()).add(colleague_people[a])
    out = {"plans": [], "plan_members": [], "influences": [], "plan_actions": [], "people": [], "positions": [],
           "reports_to": []}
    for key, status, (start, end), objectives in PLANS:
        plan_id = did("plan", key)
        plan = {"id": plan_id, "account_id": did("org", key), "status": status, "objectives": list(objectives),
                "created_at": now_ms - 200 * 86_400_000, "created_by": did("user", "paul"), "updated_at": now_ms}
        if start:
            plan.update(period_start=start, period_end=end)
        out["plans"].append(plan)
        slots = dict((slot, pkey) for pkey, slot in staff[key])
        subs = [k for k, o in orgs.items() if o[5] == key]
        members = []
        for slot, role, stance, influence in DMU:
            if slot in slots:
                members.append((slots[slot], role, stance, influence))
        for sub in subs:  # a subsidiary's head and IT lead count too
            sub_slots = dict((slot, pkey) for pkey, slot in staff[sub])
            members.append((sub_slots["dg"], "decision_maker", rng.choice(("ally", "neutral")), 4))
            members.append((sub_slots["it"], "user", "neutral", 2))
        # one champion is single-threaded: pick a member covered by exactly one colleague
        single = next((pkey for pkey, *_ in members if len(covered.get(did("person", pkey), ())) == 1), None)
        if single:
            members = [(p, "champion" if p == single else r, s, 4 if p == single else i) for p, r, s, i in members]
        team = team_users[TEAMS[orgs[key][6]]]
        for pkey, role, stance, influence in members:
            member = {"role": role, "stance": stance, "influence": influence, "added_at": now_ms - 150 * 86_400_000,
                      "updated_at": now_ms - 20 * 86_400_000}
            if rng.random() < 0.4:
                member["notes"] = rng.choice(NOTES)
            out["plan_members"].append({"plan_id": plan_id, "person_id": did("person", pkey), "props": member})
        if key == "aurelia":  # the gatekeeper who left for a partner, replaced by a namesake title
            cpo = person_of[slots[LEAVER_SLOT]]
            leaver_key = f"{key}/former_{LEAVER_SLOT}"
            leaver = {"id": did("person", leaver_key), "name": "Bertrand Vasseur", "title": "Consultant senior",
                      "email": "bertrand.vasseur@orbis.example", "phone": "+33 1 99 00 42 17",
                      "created_by": did("user", team[0]), "created_at": now_ms - 400 * 86_400_000}
            leaver["updated_at"] = leaver["created_at"]
            out["people"].append(leaver)
            out["positions"] += [
                {"person_id": leaver["id"], "organisation_id": did("org", key), "props": {
                    "id": did("works", f"{leaver_key}/past"), "title": cpo["title"], "department": "Achats",
                    "start": "2012-04-01", "end": (today - _dt.timedelta(days=75)).isoformat(),
                    "created_at": leaver["created_at"]}},
                {"person_id": leaver["id"], "organisation_id": did("org", "orbis"), "props": {
                    "id": did("works", f"{leaver_key}/current"), "title": "Consultant senior", "department": "Projets",
                    "start": (today - _dt.timedelta(days=60)).isoformat(), "created_at": now_ms - 60 * 86_400_000}}]
            out["reports_to"].append({"person_id": leaver["id"], "boss_id": did("person", "orbis/head")})
            out["plan_members"].append({"plan_id": plan_id, "person_id": leaver["id"], "props": {
                "role": "economic_buyer", "stance": "ally", "influence": 4, "added_at": now_ms - 300 * 86_400_000,
                "updated_at": now_ms - 300 * 86_400_000, "notes": "Parti chez Orbis Conseil ; reste un allié."}})
        ids = {role: did("person", p) for p, role, *_ in reversed(members)}
        opponent = next(did("person", p) for p, _, s, _ in members if s in ("opponent", "strong_opponent")) \
            if any(s in ("opponent", "strong_opponent") for _, _, s, _ in members) else None
        lines = [(opponent, ids.get("decision_maker")), (ids.get("champion"), ids.get("economic_buyer")),
                 (ids.get("coach"), ids.get("champion"))]
        for a, b in lines:
            if a and b and a != b:
                out["influences"].append({"from_id": a, "to_id": b, "props": {
                    "id": did("influence", f"{key}/{a}/{b}"), "plan_id": plan_id, "created_at": now_ms - 90 * 86_400_000}})
        titles = (("Déjeuner avec le sponsor", "open", -12), ("Présenter la démo au comité achats", "in_progress", 14),
                  ("Envoyer la référence client énergie", "done", -30), ("Organiser une visite de site", "cancelled", 5),
                  ("Préparer le comité d'investissement", "open", 40))
        for index, (title, action_status, days) in enumerate(titles):
            pkey = members[index % len(members)][0]
            action = {"id": did("action", f"{key}/{index}"), "title": title, "owner": did("user", team[index % len(team)]),
                      "due": (today + _dt.timedelta(days=days)).isoformat(), "status": action_status,
                      "member_id": did("person", pkey), "created_at": now_ms - 45 * 86_400_000,
                      "created_by": did("user", team[0]), "updated_at": now_ms - 5 * 86_400_000}
            out["plan_actions"].append({"plan_id": plan_id, "props": action})
    return out


def _cover_every_value(rows: list[dict]) -> None:
    """Make sure each strength, context and visibility occurs (the demo shows every case)."""
    for field, values in (("strength", STRENGTHS), ("context", CONTEXTS), ("visibility", VISIBILITIES)):
        for value in values:
            counts = {}
            for row in rows:
                counts[row["props"][field]] = counts.get(row["props"][field], 0) + 1
            if value in counts:
                continue
            for row in rows:  # take it from the first row whose value is common
                if counts[row["props"][field]] > 1:
                    row["props"][field] = value
                    break


# -- loading ------------------------------------------------------------------------------------------
def _batches(rows):
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def load(services) -> dict:
    """Load the data set unless its marker is there; returns what was (or had been) loaded."""
    store = services.store
    data = build(_dt.date.fromisoformat(services.clock.today()), services.clock.now_ms())
    summary = {"logins": data["logins"], "people": len(data["people"]) + len(data["users"]),
               "organisations": len(data["organisations"]), "relationships": len(data["knows"])}
    if store.read("demo/get_marker"):
        return {"created": False, **summary}
    store.ensure_schema()
    wanted = {row["user"]["username"]: row["user"]["id"] for row in data["users"]}
    existing = {row["username"]: row["id"] for row in store.read("demo/find_users", usernames=list(wanted))}
    for username, user_id in existing.items():
        if wanted[username] != user_id:
            raise Conflict(f"the demo username {username} is already used by another user", "username")
    users = []
    for row in data["users"]:
        user = dict(row["user"])
        if user["username"] not in existing:  # hashing is slow on purpose: only for new users
            user["password_hash"] = services.users.hash_password(user.pop("password"))
        else:
            user.pop("password")
        users.append({"user": user, "person": credit_details(row["person"], row["person"].get("created_by"))})
    people = [credit_details(p, p.get("created_by")) for p in data["people"]]  # whoever entered them
    steps = (("demo/merge_organisations", data["organisations"]), ("demo/merge_part_of", data["part_of"]),
             ("demo/merge_teams", data["teams"]), ("demo/merge_users", users),
             ("demo/merge_memberships", data["memberships"]), ("demo/merge_manages", data["manages"]),
             ("demo/merge_people", people), ("demo/merge_positions", data["positions"]),
             ("demo/merge_reports_to", data["reports_to"]), ("demo/merge_education", data["education"]),
             ("relationships/create_knows", data["knows"]), ("plans/merge_demo_plans", data["plans"]),
             ("plans/merge_demo_members", data["plan_members"]), ("plans/merge_demo_influences", data["influences"]),
             ("plans/merge_demo_actions", data["plan_actions"]))
    for statement, rows in steps:
        for batch in _batches(rows):
            store.write(statement, rows=batch)
    store.write("demo/mark_loaded", now=services.clock.now_ms(), version=DATA_VERSION, seed=SEED)
    return {"created": True, **summary}
