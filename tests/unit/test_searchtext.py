"""Search text folding, the index's edge n-grams and query parsing (pure functions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph import searchtext


def test_fold_strips_accents_case_and_punctuation():
    assert searchtext.fold("Hélène O'Brien-Dupont") == "helene o brien dupont"
    assert searchtext.fold("ÉCOLE  Polytechnique, Paris") == "ecole polytechnique paris"
    assert searchtext.fold("Straße Łódź Øresund Œuvre İstanbul") == "strasse lodz oresund oeuvre istanbul"
    assert searchtext.fold("former_colleague") == "former colleague"
    assert searchtext.fold(None) == "" and searchtext.fold("  -- ") == ""


def test_index_text_holds_every_word_and_each_prefix_once():
    assert searchtext.index_text("Hélène", None, "CFO") == "h he hel hele helen helene c cf cfo"
    assert searchtext.index_text("Anne Anna").split() == ["a", "an", "ann", "anne", "anna"]


def test_long_words_keep_twenty_letter_prefixes_and_the_whole_word():
    word = "x" * 25
    terms = searchtext.index_text(word).split()
    assert terms == ["x" * k for k in range(1, 21)] + [word]


def test_parse_folds_dedups_and_caps_the_terms():
    query = searchtext.parse("  Hél DUP  hel ")
    assert query.phrase == "hel dup hel" and query.terms == ("hel", "dup") and query.keys == ("hel", "dup")
    assert not searchtext.parse("  !? ") and not searchtext.parse(None)
    many = searchtext.parse(" ".join(f"w{i}" for i in range(12)))
    assert len(many.terms) == searchtext.MAX_TERMS
    assert searchtext.parse("y" * 30).keys == ("y" * 20,)


def test_record_and_note_fields():
    assert searchtext.record_fields("Acmé SA", "Énergie", None) == {
        "search_name": "acme sa", "search_text": "a ac acm acme s sa e en ene ener energ energi energie"}
    assert searchtext.note_fields(None, "former_colleague") == {
        "search_text": "f fo for form forme former c co col coll colle collea colleag colleagu colleague"}


@given(st.text(max_size=40), st.text(max_size=12))
def test_a_prefix_of_any_folded_word_is_an_index_term(text, extra):
    """The property the index relies on: the start of any word is a stored term."""
    terms = set(searchtext.index_text(text + " " + extra).split())
    for word in searchtext.fold(text + " " + extra).split():
        for k in range(1, min(len(word), searchtext.MAX_PREFIX) + 1):
            assert word[:k] in terms
