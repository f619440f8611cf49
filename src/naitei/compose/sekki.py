"""The 二十四節気 (solar terms) of any year from 2000 to 2099, computed from the sun's apparent
ecliptic longitude (a series of periodic terms, under a minute of time), and given as the date in Japan on which each term begins.

    >>> term_day(2026, 135)  # 立秋
    datetime.date(2026, 8, 7)
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

_J2000 = 2451545.0  # 2000-01-01 12:00 TT
_UNIX_EPOCH_JD = 2440587.5
_DELTA_T_DAYS = 69.0 / 86400  # TT - UT, about 69 s this century (a few seconds either way)
_TROPICAL_YEAR = 365.2422
_JST = dt.timezone(dt.timedelta(hours=9))


# The sun's apparent longitude as a sum of periodic terms (amplitude in degrees, phase in
# degrees, rate in degrees per Julian year from J2000.0 TT), after 長沢工『日の出・日の入りの
# 計算』: accurate to about 0.0003° (under a minute of time) for this century.
_MEAN = (280.4603, 360.00769)
_CENTRE = ((1.9146, -0.00005), 357.538, 359.991)
_TERMS = (
    (0.0200, 355.05, 719.981),
    (0.0048, 234.95, 19.341),
    (0.0020, 247.1, 329.64),
    (0.0018, 297.8, 4452.67),
    (0.0018, 251.3, 0.20),
    (0.0015, 343.2, 450.37),
    (0.0013, 81.4, 225.18),
    (0.0008, 132.5, 659.29),
    (0.0007, 153.3, 90.38),
    (0.0007, 206.8, 30.35),
    (0.0006, 29.8, 337.18),
    (0.0005, 207.4, 1.50),
    (0.0005, 291.2, 22.81),
    (0.0004, 234.9, 315.56),
    (0.0004, 157.3, 299.30),
    (0.0004, 21.1, 720.02),
    (0.0003, 352.5, 1079.97),
    (0.0003, 329.7, 44.43),
)


def sun_longitude(jd_tt: float) -> float:
    """The sun's apparent geocentric longitude in degrees, at Julian day `jd_tt` (TT)."""
    t = (jd_tt - _J2000) / 365.25
    (amplitude, drift), phase, rate = _CENTRE
    total = _MEAN[0] + _MEAN[1] * t
    total += (amplitude + drift * t) * math.sin(math.radians(phase + rate * t))
    for amplitude, phase, rate in _TERMS:
        total += amplitude * math.sin(math.radians(phase + rate * t))
    return total % 360


@cache
def term_day(year: int, longitude: float) -> dt.date:
    """The date in Japan (JST) on which the sun reaches `longitude` (0 春分, 135 立秋, 315 立春 …)
    in `year`."""
    # A first guess from the March equinox of the year, then Newton steps.
    days_after_equinox = (longitude % 360) / 360 * _TROPICAL_YEAR
    jd = _julian_day(dt.datetime(year, 3, 20, tzinfo=dt.UTC)) + days_after_equinox
    if longitude >= 280:  # 小寒 … 啓蟄 of the same calendar year fall before the equinox
        jd -= _TROPICAL_YEAR
    for _ in range(10):
        step = ((longitude - sun_longitude(jd + _DELTA_T_DAYS) + 180) % 360 - 180) / 360
        jd += step * _TROPICAL_YEAR
        if abs(step) < 1e-7:
            break
    moment = dt.datetime.fromtimestamp((jd - _UNIX_EPOCH_JD) * 86400, tz=dt.UTC)
    return moment.astimezone(_JST).date()


def _julian_day(moment: dt.datetime) -> float:
    return moment.timestamp() / 86400 + _UNIX_EPOCH_JD
