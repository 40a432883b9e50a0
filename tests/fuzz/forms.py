"""The HTML forms of a page, read the way a browser submits them, and values to fill them with.

Reading the fields from the rendered page (not from the form classes) means the fuzzer sends
what a user could send, and follows templates as they change."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hypothesis import strategies as st

from tests.fuzz.known import field_kind, pool


@dataclasses.dataclass
class Field:
    name: str
    kind: str                      # input type, "select", "textarea" or "button"
    value: str = ""                # what the page fills in (selected option, checked box, text)
    options: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Form:
    action: str
    fields: dict[str, Field] = dataclasses.field(default_factory=dict)

    def add(self, field: Field) -> Field:
        """Radios, checkboxes and buttons sharing a name become one field with options."""
        known = self.fields.setdefault(field.name, field)
        if known is not field:
            known.options += field.options
            known.value = known.value or field.value
        return known


class _Parser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self.form = page_url, [], None
        self._select = self._option = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.form = Form(urlsplit(urljoin(self.page_url, a.get("action") or self.page_url)).path)
            self.forms.append(self.form)
        if self.form is None or (tag not in ("input", "button", "option") and not a.get("name")):
            return
        kind = a.get("type", "text").lower()
        if tag == "input" and kind in ("radio", "checkbox"):
            self.form.add(Field(a["name"], kind, a.get("value", "on") if "checked" in a else "",
                                [a.get("value", "on")]))
        elif tag == "input" and a.get("name"):
            self.form.add(Field(a["name"], kind, a.get("value", "")))
        elif tag == "button" and a.get("name"):
            self.form.add(Field(a["name"], "button", "", [a.get("value", "")]))
        elif tag == "select":
            self._select = self.form.add(Field(a["name"], "select"))
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea":
            self._textarea = self.form.add(Field(a["name"], "textarea"))

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option" and self._option is not None:
            value, selected, text = self._option
            value = text.strip() if value is None else value
            self._select.options.append(value)
            if selected or not self._select.value and self._select.kind == "select" and len(self._select.options) == 1:
                self._select.value = value
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_form(html: str, page_url: str, action: str) -> Form | None:
    """The POST form of `html` (served at `page_url`) that submits to the path `action`."""
    parser = _Parser(page_url)
    parser.feed(html)
    return next((f for f in parser.forms if f.action == urlsplit(action).path), None)


# -- values ----------------------------------------------------------------------------------------

CHARS = st.characters(exclude_categories=("Cs",))  # any code point a browser can encode
# Stray fields (names the form does not have) draw no refused character: one would make every
# submission a 400, and refused characters are tried in the form's own fields (NASTY).
STRAY_CHARS = st.characters(exclude_categories=("Cs", "Cc"),
                            exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ éè'-"), min_size=1, max_size=30)
NASTY = ["", " ", "\x00", "0", "-1", "6", "99999999999999999999", "1e309", "NaN", "true", "2026-02-30",
         "0001-01-01", "9999-12-31", "31/12/2026", "<script>alert(1)</script>", "' OR 1=1 --",
         "MATCH (n) DETACH DELETE n", "{{7*7}}", "%00", "\u202e\u0644", "😀", "a\r\nb", "../../etc/passwd",
         # refused characters (graph/validation.py; a form cannot carry a lone surrogate: it is UTF-8)
         "a\x00b", "\x07", "\x1b[31mred", "\x7f", "\x85", "\u202a", "\u202d", "\u2066x\u2069", "tab\there"]


def plausible(form: Form, field: Field, known: dict[str, list[str]]) -> st.SearchStrategy[str]:
    """What a user filling the form in would send for this field: one of its options, a real id
    of the right kind (hidden ids, and the free-text references beside them, which take a pasted
    id), a valid-looking value for its input type, or the page's own value."""
    mine = [st.just(field.value)] if field.value else []
    if field.options:
        return st.sampled_from(field.options)
    id_field = field.name if field.name.endswith("_id") else f"{field.name}_id"
    if id_field == field.name or id_field in form.fields:
        return st.sampled_from([field.value, "", *pool(known, field_kind(id_field))])
    ends = field.name == "end" or field.name.endswith("_end")  # a user's end comes after their start
    dates = (_dt.date(2051, 1, 1), _dt.date(2100, 12, 31)) if ends else (_dt.date(2000, 1, 1), _dt.date(2050, 12, 31))
    by_kind = {"date": st.dates(*dates).map(_dt.date.isoformat),
               "number": st.integers(0, 100).map(str), "email": st.just("someone@example.com"),
               "tel": st.just("+33 1 23 45 67 89"), "password": WORDS.map(lambda w: f"{w} long enough"),
               "hidden": st.just(field.value)}
    return st.one_of(*mine, by_kind.get(field.kind, WORDS))


def hostile(known: list[str]) -> st.SearchStrategy[list[str]]:
    """Anything: any text, very long text, nasty strings, ids of other things; missing or doubled."""
    one = st.one_of(st.text(CHARS, max_size=40), st.builds(lambda c, n: c * n, CHARS, st.integers(100, 20_000)),
                    st.sampled_from(NASTY), st.sampled_from(known))
    return st.one_of(st.builds(lambda v: [v], one), st.just([]), st.lists(one, min_size=2, max_size=2))


def values_for(form: Form, field: Field, known: dict[str, list[str]]) -> st.SearchStrategy[list[str]]:
    """Plausible seven times in eight (0, the shrink target, included), hostile otherwise: enough
    whole submissions of a form with many fields get through to fuzz the writes, and every field
    is spoiled now and then."""
    return st.integers(0, 7).flatmap(
        lambda n: hostile(known["any"]) if n == 7 else plausible(form, field, known).map(lambda v: [v]))


def submissions(form: Form, known: dict[str, list[str]]) -> st.SearchStrategy[dict[str, list[str]]]:
    """A whole submission: every field of the form (never the CSRF token), plus now and then a stray one."""
    fields = {name: values_for(form, f, known) for name, f in form.fields.items() if name != "csrf_token"}
    stray = st.dictionaries(st.text(STRAY_CHARS, min_size=1, max_size=12).filter(lambda k: k not in form.fields),
                            st.builds(lambda v: [v], st.text(STRAY_CHARS, max_size=20)), max_size=1)
    return st.builds(lambda base, extra: {**extra, **base}, st.fixed_dictionaries(fields), stray)
