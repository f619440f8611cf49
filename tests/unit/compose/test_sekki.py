"""The 二十四節気 computed for the year (compose/sekki.py) and the 時候 chosen by them."""

from __future__ import annotations

import datetime as dt

import pytest

from naitei.compose.phrases import season
from naitei.compose.sekki import term_day

# Dates published by the National Astronomical Observatory of Japan (暦要項), including terms
# that fall on the day that a fixed table gets wrong (立春 2021 and 2025 on 3 February) and one
# two minutes before midnight (夏至 2023, 23:58 JST).
KNOWN = [
    (2021, 315, "2021-02-03"),
    (2022, 315, "2022-02-04"),
    (2025, 315, "2025-02-03"),
    (2026, 315, "2026-02-04"),
    (2023, 90, "2023-06-21"),
    (2020, 90, "2020-06-21"),
    (2019, 135, "2019-08-08"),
    (2024, 135, "2024-08-07"),
    (2026, 135, "2026-08-07"),
    (2027, 135, "2027-08-08"),
    (2000, 0, "2000-03-20"),
    (2023, 0, "2023-03-21"),
    (2024, 0, "2024-03-20"),
    (2022, 180, "2022-09-23"),
    (2024, 180, "2024-09-22"),
    (2024, 270, "2024-12-21"),
    (2025, 270, "2025-12-22"),
    (2017, 285, "2017-01-05"),
]


@pytest.mark.parametrize(("year", "longitude", "day"), KNOWN)
def test_term_days_match_the_published_ones(year: int, longitude: float, day: str) -> None:
    assert term_day(year, longitude) == dt.date.fromisoformat(day)


def test_every_term_of_the_century_falls_in_its_usual_window() -> None:
    for year in range(2000, 2100):
        risshun, risshu = term_day(year, 315), term_day(year, 135)
        assert dt.date(year, 2, 2) <= risshun <= dt.date(year, 2, 5), year
        assert dt.date(year, 8, 6) <= risshu <= dt.date(year, 8, 9), year


@pytest.mark.parametrize(
    ("day", "greeting"),
    [
        ("2026-08-06", "盛夏の候"),
        ("2026-08-07", "残暑の候"),  # 立秋 2026
        ("2027-08-07", "盛夏の候"),  # 立秋 2027 is 8 August
        ("2027-08-08", "残暑の候"),
        ("2025-02-03", "立春の候"),
        ("2026-02-03", "大寒の候"),
        ("2027-01-04", "新春の候"),
    ],
)
def test_the_greeting_follows_the_year_s_solar_terms(day: str, greeting: str) -> None:
    assert season(dt.date.fromisoformat(day)) == greeting
