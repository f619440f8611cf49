"""doubled-joshi reads the tokens only of the sentences where the same particle character
occurs twice with no 、 between (the others cannot hold a finding): the one-search gate picks
exactly the sentences that splitting each sentence at 、 would pick."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.check.document import Document
from naitei.check.rules import style
from naitei.check.tokenizer import Tokens


def _by_splitting(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for sentence in doc.sentences:
        parts = sentence.text.split("、")
        if any(part.count(c) > 1 for part in parts for c in "がをは"):
            found = style._JOSHI_CHARS.finditer(doc.text, sentence.start, sentence.end)
            spans += [match.span() for match in found]
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="がをはx、。！?\n 　「」）", max_size=40))
def test_the_gate_picks_the_sentences_splitting_at_commas_would(text: str) -> None:
    doc = Document(text, "email", "withdraw", None)
    assert [match.span() for match in style._candidates(doc)] == _by_splitting(doc)


def test_a_comma_is_a_token_of_its_own() -> None:
    """The premise of the gate: a 、 between two particles is a token, which parts them."""
    for text in ("私は、、貴社は", "は、」は", "1、000円は", "ａ、ｂは", "それは、これは"):
        tokens = Tokens(text)
        comma = text.index("、")
        i = tokens.index_at(comma)
        assert (tokens.begins[i], tokens.ends[i]) == (comma, comma + 1)


def test_parted_particles_are_not_flagged_and_unparted_ones_are() -> None:
    from naitei.check import check_text

    flagged = check_text("私は貴社は志望しております。", "email").findings
    parted = check_text("私は、貴社は志望しております。", "email").findings
    assert any(f.rule == "doubled-joshi" for f in flagged)
    assert not any(f.rule == "doubled-joshi" for f in parted)
