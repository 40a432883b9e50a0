"""Search text: the one place that turns names, titles and notes into what the full-text
indexes hold, and a typed query into what they are asked.

Neither backend can strip accents in Cypher, so Python folds text when a record is written
(and `graph init` backfills older records):
- `search_name`: the name folded (lower case, accents stripped, punctuation to spaces), for ranking;
- `search_text`: every folded word and each of its prefixes (edge n-grams). A prefix search is
  then an exact term lookup: FalkorDB caps a wildcard `hel*` at about 100 expanded terms, which
  silently drops matches on a large graph, and exact terms behave the same on both backends."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

MAX_PREFIX = 20  # prefixes stored per word; a longer query word is looked up by its first 20 letters
MAX_TERMS = 8  # words of a query that count; more are ignored
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_WORD = re.compile(r"[^\W_]+")


def fold(text) -> str:
    """Lower case, accents stripped, words separated by one space: "Hélène O'Brien" -> "helene o brien"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", str(text).casefold().translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text))


def index_text(*parts) -> str:
    """The folded words of `parts` with all their prefixes, each once: what the index holds."""
    seen: dict = {}
    for word in fold(" ".join(p for p in parts if p)).split():
        for k in range(1, min(len(word), MAX_PREFIX) + 1):
            seen[word[:k]] = None
        seen[word] = None
    return " ".join(seen)


def record_fields(name, *details) -> dict:
    """search_name and search_text of a person or organisation (name first, then other fields)."""
    return {"search_name": fold(name), "search_text": index_text(name, *details)}


def note_fields(notes, context) -> dict:
    """search_text of a relationship: its notes and its context ("former_colleague" -> "former colleague")."""
    return {"search_text": index_text(notes, context)}


@dataclasses.dataclass(frozen=True)
class Query:
    phrase: str  # the whole query folded: an exact or prefix match of a name ranks first
    terms: tuple  # distinct folded words; every one must start some word of the record (AND)
    keys: tuple  # the index terms looked up: each word cut to MAX_PREFIX letters

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(text) -> Query:
    phrase = fold(text)
    words = list(dict.fromkeys(phrase.split()))[:MAX_TERMS]
    return Query(phrase=phrase, terms=tuple(words),
                 keys=tuple(dict.fromkeys(w[:MAX_PREFIX] for w in words)))

