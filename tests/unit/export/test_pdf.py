"""letter.pdf: both layouts, the embedded font, text, ink on the page, repeatability, 禁則."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from naitei.compose.model import LetterParts
from naitei.export.pdf import render_letter_pdf
from naitei.export.pdf.linebreak import (
    HANGING,
    NO_LINE_END,
    NO_LINE_START,
    break_lines,
    break_text,
    break_tokens,
    paragraph_text,
    tokenize,
)

JST = datetime.timezone(datetime.timedelta(hours=9))
CREATED = datetime.datetime(2026, 11, 25, 21, 0, tzinfo=JST)
A4_POINTS = (595.28, 841.89)

# A realistic letter: about 600 characters of body, a full sender block.
LETTER = LetterParts(
    date="2026年11月25日",
    date_vertical="令和八年十一月二十五日",
    addressee=("株式会社みなと精機", "人事部", "佐藤 様"),
    sender=(
        "東西大学 経済学部 経済学科",
        "山田 太郎",
        "〒150-0001 東京都渋谷区神宮前1-2-3",
        "電話 090-1234-5678",
        "taro.yamada@example.com",
    ),
    title="内定辞退撤回のお願い",
    paragraphs=(
        "拝啓　向寒の候、貴社ますますご清栄のこととお慶び申し上げます。",
        "先日は、貴社より内定のご連絡を賜りながら、辞退のお申し出をいたしましたこと、"
        "誠に申し訳ございませんでした。採用に向けて多大なお時間とお心遣いを割いてくださった"
        "佐藤様をはじめ、皆様のご厚意を無にするような振る舞いであったと、深く反省しております。",
        "辞退を申し上げた当時は、他社からいただいた内定と比べて迷った末に決断いたしました。"
        "しかしながら、その後改めて自分の将来を見つめ直したところ、面接の場で伺った"
        "「現場の声を製品に活かす」という貴社の姿勢に、どうしても心を惹かれている自分に"
        "気づきました。他社の内定はすでに辞退のご連絡を差し上げております。",
        "一度お断りした身でありながら、このようなお願いを申し上げるのは大変心苦しく、"
        "身勝手であることも重々承知しております。そのうえで、もし叶いますならば、"
        "内定辞退の撤回をご検討いただけませんでしょうか。すでに採用枠が埋まっている場合には、"
        "その旨を謹んでお受けいたします。",
        "本日11月25日にお電話にてお詫び申し上げましたが、改めて書面にてお願い申し上げる"
        "次第です。ご多用のところ誠に恐縮ではございますが、何卒ご高配を賜りますよう、"
        "心よりお願い申し上げます。",
        "末筆ながら、貴社のますますのご発展と、皆様のご健勝をお祈り申し上げます。",
    ),
)
LONG_LETTER = replace(LETTER, paragraphs=LETTER.paragraphs[:1] + LETTER.paragraphs[1:] * 3)


@pytest.fixture(scope="module")
def horizontal() -> bytes:
    return render_letter_pdf(LETTER, created=CREATED)


@pytest.fixture(scope="module")
def vertical() -> bytes:
    return render_letter_pdf(LETTER, vertical=True, created=CREATED)


def _text(data: bytes, page: int = 0) -> str:
    return str(pdfium.PdfDocument(data)[page].get_textpage().get_text_range())


def _has_ink(data: bytes, box_mm: tuple[float, float, float, float], page: int = 0) -> bool:
    """Whether any pixel in the box (left, top, right, bottom in mm) is darker than mid-grey."""
    image = pdfium.PdfDocument(data)[page].render(scale=1).to_pil().convert("L")
    left, top, right, bottom = box_mm
    scale_x, scale_y = image.width / 210, image.height / 297
    box = (
        max(0, round(left * scale_x)),
        max(0, round(top * scale_y)),
        min(image.width, round(right * scale_x)),
        min(image.height, round(bottom * scale_y)),
    )
    darkest, _ = image.crop(box).getextrema()
    return bool(darkest < 128)


@pytest.mark.parametrize("layout", ["horizontal", "vertical"])
def test_both_layouts_render_one_a4_page(layout: str, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue(layout)
    document = pdfium.PdfDocument(data)
    assert data.startswith(b"%PDF-")
    assert len(document) == 1
    assert document[0].get_size() == pytest.approx(A4_POINTS, abs=0.5)


@pytest.mark.parametrize("layout", ["horizontal", "vertical"])
def test_noto_serif_jp_is_embedded_as_a_subset(layout: str, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue(layout)
    assert b"/FontFile3" in data or b"/FontFile2" in data
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+NotoSerifJP", data)


def test_horizontal_text_holds_title_company_and_closing(horizontal: bytes) -> None:
    text = _text(horizontal)
    assert "内定辞退撤回のお願い" in text
    assert "株式会社みなと精機" in text
    assert "拝啓" in text
    assert "敬具" in text


def test_horizontal_paragraphs_are_indented_except_the_opening(horizontal: bytes) -> None:
    text = _text(horizontal)
    assert "拝啓　向寒の候" in text
    assert "\u3000先日は" in text


def test_vertical_text_holds_every_character_of_the_letter(vertical: bytes) -> None:
    text = _text(vertical)
    for part in (*LETTER.addressee, LETTER.date_vertical, "拝啓", "敬具", "山田"):
        assert set(part.replace(" ", "")) <= set(text), part


def test_vertical_punctuation_uses_vertical_forms(vertical: bytes) -> None:
    text = _text(vertical)
    assert "︑" in text and "︒" in text  # 、 and 。 set for vertical writing
    assert "﹁" in text and "﹂" in text  # 「 and 」 turned
    assert "、" not in text and "。" not in text


def test_horizontal_ink_sits_in_addressee_and_body(horizontal: bytes) -> None:
    assert _has_ink(horizontal, (25, 30, 90, 55))  # addressee, top left
    assert _has_ink(horizontal, (25, 100, 185, 160))  # body
    assert not _has_ink(horizontal, (0, 0, 210, 12))  # nothing runs off the top edge
    assert not _has_ink(horizontal, (0, 0, 15, 297))  # or the left edge


def test_vertical_ink_sits_right_for_the_body_and_left_for_the_addressee(vertical: bytes) -> None:
    assert _has_ink(vertical, (110, 25, 190, 200))  # body columns, right half
    assert _has_ink(vertical, (15, 25, 45, 70))  # addressee, top left
    assert not _has_ink(vertical, (15, 100, 45, 297))  # nothing below the addressee
    assert not _has_ink(vertical, (0, 0, 210, 15))  # margins stay clean
    assert not _has_ink(vertical, (0, 0, 12, 297))
    assert not _has_ink(vertical, (195, 0, 210, 297))


def _char_box(data: bytes, char: str) -> tuple[float, float, float, float]:
    """The first occurrence of char on page 1: (left, bottom, right, top) in points."""
    textpage = pdfium.PdfDocument(data)[0].get_textpage()
    index = str(textpage.get_text_range()).index(char)
    left, bottom, right, top = textpage.get_charbox(index)
    return float(left), float(bottom), float(right), float(top)


def test_vertical_columns_run_right_to_left_in_letter_order(vertical: bytes) -> None:
    opening, closing = _char_box(vertical, "拝"), _char_box(vertical, "敬")
    date, sender, company = (_char_box(vertical, char) for char in "令山株")
    assert opening[0] > closing[0] > date[0] > sender[0] > company[0]
    page_top = A4_POINTS[1]
    assert page_top - opening[3] < 80  # the body starts at the top margin
    assert closing[1] < 100  # 敬具 sits at the foot of its column
    assert sender[1] < 150  # the sender is set at the foot
    assert 80 < page_top - date[3] < 120  # the date starts a little below the top


@pytest.mark.parametrize("vertical_layout", [False, True])
def test_same_input_gives_identical_bytes(vertical_layout: bool) -> None:
    first = render_letter_pdf(LETTER, vertical=vertical_layout, created=CREATED)
    second = render_letter_pdf(LETTER, vertical=vertical_layout, created=CREATED)
    assert first == second


def test_creation_date_and_title_come_from_the_input(horizontal: bytes) -> None:
    metadata = pdfium.PdfDocument(horizontal).get_metadata_dict()
    assert metadata["CreationDate"] == "D:20261125210000+09'00'"
    assert metadata["Title"] == "内定辞退撤回のお願い"
    assert metadata["Author"] == ""
    assert "山田".encode("utf-16-be") not in horizontal  # no personal data in plain metadata


@pytest.mark.parametrize("vertical_layout", [False, True])
def test_long_letter_continues_on_a_second_page(vertical_layout: bool) -> None:
    data = render_letter_pdf(LONG_LETTER, vertical=vertical_layout, created=CREATED)
    assert len(pdfium.PdfDocument(data)) >= 2
    text = "".join(_text(data, page) for page in range(len(pdfium.PdfDocument(data))))
    assert set("株式会社みなと精機敬具") <= set(text)
    if vertical_layout:  # the continuation starts in the rightmost column of page 2
        assert _has_ink(data, (170, 25, 190, 60), page=1)
    else:
        assert _has_ink(data, (25, 25, 185, 40), page=1)


def test_importing_the_exporter_does_not_load_fpdf() -> None:
    code = "import sys, naitei.export.pdf; print('fpdf' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def _unit(text: str) -> float:
    return float(len(text))


def test_no_line_starts_with_a_full_stop_or_closing_bracket() -> None:
    lines = break_text("あいうえお。かきくけこ」さしすせそ、たちつてと", 5, _unit)
    assert lines == ["あいうえお。", "かきくけ", "こ」さしす", "せそ、たち", "つてと"]
    for line in lines[1:]:
        assert line[0] not in "。」、"


def test_opening_bracket_is_pushed_to_the_next_line() -> None:
    assert break_text("あいうえ「おか」", 5, _unit) == ["あいうえ", "「おか」"]


def test_columns_follow_the_same_rules() -> None:
    tokens = tokenize("あいうえお」かきくけこ。さしすせそ", _unit, vertical=True, em=1.0)
    columns = [line.text for line in break_tokens(tokens, 5.0)]
    assert columns == ["あいうえ", "お」かきく", "けこ。さし", "すせそ"]
    assert all(column[0] not in "。」" for column in columns)


def test_pushed_out_line_is_justified() -> None:
    lines = break_lines("あ" * 19 + "「おか」", 20.0, _unit)
    assert [line.text for line in lines] == ["あ" * 19, "「おか」"]
    assert lines[0].extra == pytest.approx(1.0)
    assert lines[-1].extra == 0.0


def test_line_cut_short_by_a_long_word_stays_ragged() -> None:
    lines = break_lines("あ" * 15 + "abcdefghij", 20.0, _unit)
    assert [line.text for line in lines] == ["あ" * 15, "abcdefghij"]
    assert lines[0].extra == 0.0


def test_word_longer_than_a_line_breaks_between_characters() -> None:
    lines = break_lines("https://example.com/a/very/long/path", 10.0, _unit)
    assert all(line.length <= 10.0 for line in lines)
    assert "".join(line.text for line in lines) == "https://example.com/a/very/long/path"


def test_vertical_tokens_keep_ascii_runs_and_set_short_numbers_upright() -> None:
    tokens = tokenize("本日11月の 090-1234 と2026年", _unit, vertical=True, em=1.0)
    kinds = {token.text: token.kind for token in tokens}
    assert kinds["11"] == "tcy"
    assert kinds["090-1234"] == "run"
    assert kinds["2026"] == "run"
    assert kinds[" "] == "space"


def test_vertical_english_phrase_turns_as_a_whole() -> None:
    def half(text: str) -> float:
        return len(text) / 2

    tokens = tokenize("版 Python 3 で", half, vertical=True, em=2.0)
    assert [(token.text, token.kind, token.advance) for token in tokens] == [
        ("版", "char", 2.0),
        (" ", "space", 1.0),  # next to Japanese: half a character
        ("Python", "run", 3.0),
        (" ", "space", 0.5),  # between ASCII words: the font's own space
        ("3", "run", 0.5),  # not set upright inside a phrase
        (" ", "space", 1.0),
        ("で", "char", 2.0),
    ]


def test_paragraphs_are_indented_unless_they_open_with_haikei() -> None:
    assert paragraph_text("先日は") == "\u3000先日は"
    assert paragraph_text("拝啓　向寒の候") == "拝啓　向寒の候"


_WORDS = st.sampled_from(
    ["あ", "漢", "カ", "「あ", "あ」", "あ。", "あ、", "きゃ", "あ」。", "（漢）", "ab", "x"]
)


@given(words=st.lists(_WORDS, min_size=1, max_size=60), capacity=st.integers(4, 12))
def test_kinsoku_holds_for_any_text_that_can_be_broken(words: list[str], capacity: int) -> None:
    text = "".join(words)
    lines = break_text(text, capacity, _unit)
    assert "".join(lines) == text
    for line in lines:
        assert line[0] not in NO_LINE_START
        assert line[-1] not in NO_LINE_END
        assert len(line) <= capacity or (len(line) == capacity + 1 and line[-1] in HANGING)
