"""The home page (three ways in) and the help page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from naitei.labels import label
from naitei.web.deps import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> Any:
    return render(request, "home.html", forgotten="forgotten" in request.query_params)


# The verdict bands from the most to the least hopeful (CONTRACTS §3), each with what it means.
BANDS = (
    (
        "possible",
        "辞退から日が浅い、採用枠が残っている、理由がやむを得ないなど、条件の多くがそろっています。",
    ),
    ("hard", "いくつかの条件が欠けています。誠実にお願いすれば、聞いていただける余地はあります。"),
    (
        "very_hard",
        "多くの条件が欠けています。お願いはできますが、断られることを前提に準備しましょう。",
    ),
    (
        "near_impossible",
        "採用枠が埋まっているなど、撤回を受け入れていただくのが難しい状況です。お詫びと感謝を伝えることを大切にしましょう。",
    ),
)
TERMS = (
    (
        "内定承諾",
        "会社からの内定を受け入れると伝えること。承諾のあとの辞退は、会社にとって大きな負担になります。",
    ),
    (
        "採用枠",
        "会社が採用する人数の枠。辞退のあと、別の方の採用で埋まっていれば、撤回はほぼ受け入れていただけません。",
    ),
    (
        "辞退の撤回",
        "一度伝えた内定辞退を取り消し、もう一度入社させていただけるようお願いすること。決めるのは会社です。",
    ),
    ("辞退代行", "本人に代わって辞退を伝える業者。撤回のお願いは、本人が直接するのが基本です。"),
    (
        "使者",
        "本人が決めた内容を、そのまま相手に伝えるだけの人。交渉はしません（弁護士でない人が、報酬を得て交渉を代わりにすることは、弁護士法で禁じられています）。",
    ),
    (
        "学校推薦",
        "学校の推薦を受けた応募。辞退も撤回も、先に学校（キャリアセンター）へ相談します。",
    ),
)


@router.get("/help")
def help_page(request: Request) -> Any:
    """The verdict bands as a scale, the terms, and what naitei keeps where."""
    bands = [(band, label("verdict", band), text) for band, text in BANDS]
    return render(request, "help.html", bands=bands, terms=TERMS)
