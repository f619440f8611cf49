"""Employer kinds: the form of address, the joining verb and the law for each kind of employer.

A bank is 貴行 in writing and 御行 on the phone, and one joins it (入行), not 入社; a city office
is 貴市/御市 and its 採用内定 is not a labour contract. The knowledge is in
``data/employers.toml``; this module loads it, detects the kind from the employer's name,
applies a case file's explicit ``kind`` and ``honorific``, and finds forms of address in a text
(for the checker and for the user's own words).

    >>> employer_of("東西信用金庫").written
    '貴庫'
    >>> employer_of("横浜市役所").spoken
    '御市'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal, cast, get_args

from naitei.chars import visible
from naitei.knowledge import RecordError, load_records
from naitei.precompiled import longest_first, regex
from naitei.shape import Shaped, meta
from naitei.vocabulary import Medium

EmployerKind = Literal[
    "company",
    "bank",
    "shinkin",
    "cooperative",
    "hospital",
    "nursery",
    "school",
    "university",
    "public_office",
    "corporation",
    "association",
    "office",
]
EMPLOYER_KINDS: tuple[str, ...] = get_args(EmployerKind)
Law = Literal["private", "public"]
Source = Literal["name", "case", "default"]


@dataclass(frozen=True)
class _Kind:
    """One kind of employer ([kinds] of data/employers.toml)."""

    label: str
    noun: str
    written: str
    spoken: str
    same: str
    join: str
    visit: str
    law: Law


@dataclass(frozen=True)
class _Pattern:
    """A name pattern that tells an employer's kind ([[patterns]])."""

    kind: EmployerKind
    match: str
    written: str | None = None
    spoken: str | None = None
    same: str | None = None
    noun: str | None = None
    join: str | None = None
    weak: bool = False


@dataclass(frozen=True)
class _Marker:
    """A name marker of a public employer ([[public_markers]])."""

    id: str
    match: str
    kinds: tuple[EmployerKind, ...]
    unless: str


@dataclass(frozen=True)
class _Homographs:
    """Ordinary words that share a form of address ([homographs])."""

    words: tuple[str, ...]
    compounds: tuple[str, ...]


@dataclass(frozen=True)
class _Table:
    """All of data/employers.toml."""

    company_forms: tuple[str, ...]
    kinds: dict[EmployerKind, _Kind]
    law: dict[Law, str]
    public_markers: tuple[_Marker, ...]
    homographs: _Homographs
    patterns: tuple[_Pattern, ...]


def _consistent(table: _Table) -> _Table:
    """What the types cannot say: every expression compiles, every kind has its entry, and
    the homographs are forms of address (words) or hold 貴 or 御 (compounds)."""
    expressions = [(f"patterns[{i}].match", p.match) for i, p in enumerate(table.patterns)]
    for i, marker in enumerate(table.public_markers):
        expressions += [(f"public_markers[{i}].match", marker.match)]
        expressions += [(f"public_markers[{i}].unless", marker.unless)]
    for path, expression in expressions:
        try:
            regex(expression)
        except re.error as error:
            raise RecordError(path, f"not a regular expression ({error})") from error
    missing = set(EMPLOYER_KINDS) - set(table.kinds)
    if missing:
        raise RecordError("kinds", f"no [kinds] entry for {sorted(missing)}")
    forms = {form for pair in _pairs(table) for form in pair}
    strays = [word for word in table.homographs.words if word not in forms]
    if strays:
        raise RecordError(
            "homographs.words", f"[homographs].words that are no form of address: {strays}"
        )
    idle = [word for word in table.homographs.compounds if not re.search("[貴御]", word)]
    if idle:
        raise RecordError(
            "homographs.compounds", f"[homographs].compounds without 貴 or 御: {idle}"
        )
    return table


def _pairs(table: _Table) -> list[tuple[str, str]]:
    """(written, spoken) of every kind, then of every pattern that overrides them."""
    pairs = [(kind.written, kind.spoken) for kind in table.kinds.values()]
    pairs += [(p.written, p.spoken) for p in table.patterns if p.written and p.spoken]
    return pairs


@cache
def _table() -> _Table:
    return load_records("employers", _Table, _consistent)


_HIDDEN = meta(hidden=True)


@dataclass(frozen=True)
class Employer(Shaped):
    """How to address one employer, what joining it is called, and which law applies. Its JSON
    object (naitei assess/draft/withdraw/decline) is kind, label, written, spoken, join, law,
    source and notice."""

    kind: EmployerKind
    label: str  # 銀行 (the kind, as listed)
    noun: str = field(metadata=_HIDDEN)  # 銀行 (what the user's own words call it: 銀行に電話する)
    written: str  # 貴行
    spoken: str  # 御行
    same: str = field(metadata=_HIDDEN)  # 同行 (after the first mention, in a text to another)
    join: str  # 入行
    visit: str = field(metadata=_HIDDEN)  # 来行
    law: Law
    source: Source  # where the kind came from: the case file, the name, or the default
    legal_form: bool = field(default=False, metadata=_HIDDEN)  # the name has 株式会社…
    notice: str = field(init=False)  # what the user of a case file is told about the kind

    def __post_init__(self) -> None:
        object.__setattr__(self, "notice", self._notice())

    def honorific(self, medium: Medium) -> str:
        return self.written if medium == "written" else self.spoken

    @property
    def forms(self) -> tuple[str, str]:
        return self.written, self.spoken

    @property
    def needs_notice(self) -> bool:
        """Whether the user should be told how the employer is addressed: unless the case file
        set the kind, or the name is plainly a company's (株式会社サンプル)."""
        return self.source != "case" and not (self.kind == "company" and self.legal_form)

    @property
    def said(self) -> str:
        """How the documents address the employer: 宛先を銀行として書いています（貴行・御行、入行）。"""
        return (
            f"宛先を{self.noun}として書いています（{self.written}・{self.spoken}、{self.join}）。"
        )

    def _notice(self) -> str:
        """What the user of a case file is told about the detection, in Japanese."""
        if self.source == "case":
            return self.said
        return self.said + "違う場合はケースファイルの [company] に kind を指定してください。"


def normalise(name: str) -> str:
    """A name as detection and comparison see it: NFKC, without spaces or invisible marks."""
    return visible(name)


def _winner(name: str) -> _Pattern | None:
    table = _table()
    has_form = any(form in name for form in table.company_forms)
    best: tuple[int, int, _Pattern] | None = None
    for pattern in table.patterns:
        for found in regex(pattern.match).finditer(name):
            if has_form and (pattern.weak or found.end() != len(name)):
                continue
            key = (found.end(), found.end() - found.start(), pattern)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _law(kind: EmployerKind, name: str) -> Law:
    table = _table()
    for marker in table.public_markers:
        public = kind in marker.kinds and regex(marker.match).search(name)
        if public and not regex(marker.unless).search(name):
            return "public"
    return table.kinds[kind].law


# Same-forms a reader takes for another word: 同行 reads どうこう (accompanying) first, so a text
# to an agent says 先方 for a bank (reader 3, B8).
_MISREAD_SAME = frozenset({"同行"})


@lru_cache(maxsize=1024)
def employer_of(
    name: str,
    kind: EmployerKind | None = None,
    honorific: tuple[str, str] | None = None,
) -> Employer:
    """The employer as the case describes it: an explicit kind and honorific win over the name.

    An explicit kind keeps the finer words of the name when they agree (横浜市役所 with
    kind = "public_office" is still 貴市)."""
    table = _table()
    flat = normalise(name)
    detected = _winner(flat)
    chosen: EmployerKind = kind or (detected.kind if detected else "company")
    pattern = detected if detected and detected.kind == chosen else None
    base = table.kinds[chosen]
    written = (pattern.written if pattern else None) or base.written
    spoken = (pattern.spoken if pattern else None) or base.spoken
    same = (pattern.same if pattern else None) or base.same
    if honorific is not None:
        written, spoken = honorific
        same = "同" + written[1:] if written.startswith("貴") and len(written) > 1 else "先方"
    if same in _MISREAD_SAME:
        same = "先方"
    source: Source = "case" if kind else ("name" if detected else "default")
    return Employer(
        kind=chosen,
        label=base.label,
        noun=(pattern.noun if pattern else None) or base.noun,
        written=written,
        spoken=spoken,
        same=same,
        join=(pattern.join if pattern else None) or base.join,
        visit=base.visit,
        law=_law(chosen, flat),
        source=source,
        legal_form=any(form in flat for form in table.company_forms),
    )


def kind_labels() -> dict[str, str]:
    """Every kind with its label, in the table's order (for selects and questions)."""
    kinds = _table().kinds
    return {kind: kinds[cast("EmployerKind", kind)].label for kind in EMPLOYER_KINDS}


def all_honorifics() -> tuple[frozenset[str], frozenset[str]]:
    """Every written and every spoken form of address the table knows (for the checker)."""
    pairs = _pairs(_table())
    return frozenset(w for w, _ in pairs), frozenset(s for _, s in pairs)


@dataclass(frozen=True)
class FormInText:
    """A form of address found in a text: where, which, and its form in the other medium."""

    start: int
    end: int
    form: str
    medium: Medium
    counterpart: str


@cache
def _counterparts() -> dict[str, tuple[Medium, str]]:
    """Each form → (its medium, the same employer's form in the other medium)."""
    found: dict[str, tuple[Medium, str]] = {}
    for written, spoken in _pairs(_table()):
        found.setdefault(written, ("written", spoken))
        found.setdefault(spoken, ("spoken", written))
    return found


@cache
def _compounds() -> re.Pattern[str]:
    words = sorted(_table().homographs.compounds, key=longest_first)
    return regex("|".join(re.escape(word) for word in words))


@lru_cache(maxsize=64)
def _form_pattern(own: tuple[str, str] | None) -> re.Pattern[str]:
    forms = set(_counterparts()) | set(own or ())
    return regex("|".join(re.escape(f) for f in sorted(forms, key=longest_first)))


def forms_in(text: str, own: tuple[str, str] | None = None) -> list[FormInText]:
    """Every form of address in `text` (貴社, 御行, 貴院…), skipping ordinary words that share
    one (京都御所, 御都合, 御会計). A form that is itself an ordinary word (御所, 御園) counts only
    when it is `own`, the (written, spoken) forms of the employer the text is for."""
    if "貴" not in text and "御" not in text:
        return []
    ambiguous = set(_table().homographs.words) - set(own or ())
    compounds = [m.span() for m in _compounds().finditer(text)]
    known = _counterparts()
    found = []
    for match in _form_pattern(own).finditer(text):
        form, start, end = match.group(), match.start(), match.end()
        if form in ambiguous or any(s < end and start < e for s, e in compounds):
            continue
        if own and form in own:
            medium: Medium = "written" if form == own[0] else "spoken"
            counterpart = own[1] if medium == "written" else own[0]
        else:
            medium, counterpart = known[form]
        found.append(FormInText(start, end, form, medium, counterpart))
    return found


@cache
def organisation_pattern() -> re.Pattern[str]:
    """One expression matching a word that names an organisation, in one line of text
    (an addressee line: 横浜市役所, 東西信用金庫 人事部, 福岡県)."""
    table = _table()
    words = [re.escape(form) for form in table.company_forms]
    words += [p.match for p in table.patterns]
    return regex("|".join(f"(?:{word})" for word in words), re.M)


def legal_basis(law: Law) -> str:
    """'labour_contract' or 'appointment': which legal notes apply."""
    return _table().law[law]


@dataclass(frozen=True)
class FormFamily:
    """What a form of address tells about the employer it names: the kinds that use it and the
    joining verbs those kinds take (貴行 → bank, 入行; 貴法人 → corporation or office)."""

    kinds: frozenset[str]
    joins: frozenset[str]


# 入職 is the neutral word for starting work anywhere (HR uses it for every employer); it is
# never wrong, so it is accepted for every kind.
NEUTRAL_JOIN = "入職"


@cache
def form_families() -> dict[str, FormFamily]:
    """Every form of address (written and spoken) → the kinds that use it and their joins."""
    table = _table()
    kinds: dict[str, set[str]] = {}
    joins: dict[str, set[str]] = {}

    def add(form: str, kind: str, join: str) -> None:
        kinds.setdefault(form, set()).add(kind)
        joins.setdefault(form, set()).update({join, NEUTRAL_JOIN})

    for name, base in table.kinds.items():
        add(base.written, name, base.join)
        add(base.spoken, name, base.join)
    for pattern in table.patterns:
        base = table.kinds[pattern.kind]
        join = pattern.join or base.join
        for form in (pattern.written or base.written, pattern.spoken or base.spoken):
            add(form, pattern.kind, join)
    return {form: FormFamily(frozenset(kinds[form]), frozenset(joins[form])) for form in kinds}


@cache
def join_words() -> frozenset[str]:
    """Every joining verb of the table (入社, 入行, 入庫, 入職, 入庁, 入省 …)."""
    table = _table()
    found = {kind.join for kind in table.kinds.values()}
    found.update(p.join for p in table.patterns if p.join and p.join.startswith("入"))
    return frozenset(word for word in found if word.startswith("入"))


def kind_forms(kind: str) -> tuple[str, str]:
    """The (written, spoken) forms of a kind as such (貴庁/御庁 for a public office)."""
    base = _table().kinds[cast("EmployerKind", kind)]
    return base.written, base.spoken


def kind_join(kind: str) -> str:
    """The joining verb of a kind as such (入行 for a bank, 入庁 for a public office)."""
    return _table().kinds[cast("EmployerKind", kind)].join
