"""Form fields of the web app, built from the interview's questions (data/interview.toml),
the choice labels (data/labels.toml) and the web's own additions (data/wizard.toml).

Form values are strings; `to_case` turns one into a case-file value (None: leave the key
out, so that the case-file rules say what is missing) and `to_form` does the reverse.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from naitei.calendar import JST
from naitei.employers import EMPLOYER_KINDS, EmployerKind, employer_of, kind_labels
from naitei.labels import table as label_table
from naitei.questions import ExtraField, Question, WebField, interview, wizard

if TYPE_CHECKING:
    from naitei.case import Case

BOOL_CHOICES = (("yes", "はい"), ("no", "いいえ"))
AUTO_KIND = "名前から判断する"
TEXT_INPUTS = frozenset({"text", "email", "tel", "hours"})


@dataclass(frozen=True)
class Field:
    name: str  # "applicant.name", "companies.2.name"
    label: str
    type: str  # text email tel hours textarea choice bool select date datetime list
    optional: bool = False
    help: str = ""
    default: str = ""
    autocomplete: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    when: tuple[str, tuple[str, ...]] | None = None  # (field name, values that show it)
    example: str = ""  # a free-text answer: a good example…
    example_sentence: str = ""  # …and the sentence it appears in (compose/review.py)

    @property
    def key(self) -> str:
        return self.name.rsplit(".", 1)[1]

    @property
    def html_id(self) -> str:
        return "f-" + self.name.replace(".", "-").replace("_", "-")

    @property
    def is_choice(self) -> bool:
        return self.type in ("choice", "bool")

    def under(self, prefix: str) -> Field:
        """The same field inside another table, e.g. company.name -> companies.2.name."""
        when = (
            None
            if self.when is None
            else (f"{prefix}.{self.when[0].rsplit('.', 1)[1]}", self.when[1])
        )
        return replace(self, name=f"{prefix}.{self.key}", when=when)

    def shown(self, values: dict[str, str]) -> bool:
        """Whether the field applies given the other answers (its `when`)."""
        if self.when is None:
            return True
        name, allowed = self.when
        return values.get(name, "") in allowed


@cache
def fields() -> dict[str, Field]:
    """Every field by name ("table.key"): the interview's questions, then the web's extras."""
    asked = interview()
    questions: dict[str, Question | ExtraField] = {
        f"{section}.{question.key}": question
        for section in ("applicant", "company", "offer", "decline", "withdrawal")
        for question in asked.section(section)
    }
    questions |= wizard().extra
    return {name: _field(name, question) for name, question in questions.items()}


def _field(name: str, question: Question | ExtraField) -> Field:
    web = wizard().fields.get(name, WebField())
    kind = question.type if web.input is None else web.input
    table = name.split(".", 1)[0]
    condition = None
    if question.when:
        ((key, allowed),) = question.when.items()
        condition = (f"{table}.{key}", tuple(allowed))
    asked = question if isinstance(question, Question) else None
    example = _example(asked.words or "" if asked else "")
    label = web.label if web.label is not None else (asked.ask if asked else name)
    return Field(
        name=name,
        example=example[0],
        example_sentence=example[1],
        label=label,
        type=kind,
        optional=question.optional,
        help="" if web.help is None else web.help,
        default="" if web.default is None else web.default,
        autocomplete="off" if web.autocomplete is None else web.autocomplete,
        choices=_choices(asked.choices if asked else None, question.type, kind),
        when=condition,
    )


def _example(kind: str) -> tuple[str, str]:
    if not kind:
        return "", ""
    from naitei.compose.review import example_sentence

    return example_sentence(kind)


def answer_warnings(case: Case) -> list[tuple[str, str]]:
    """(what the user called the field, the warning) for each free-text answer of `case` that
    tells the company something it may not want to hear (「第一志望」…)."""
    from naitei.compose.review import case_warnings
    from naitei.web.problems import form_name

    out = []
    for problem in case_warnings(case):
        name = form_name(problem.field) or ""
        company = re.match(r"companies\.(\d+)\.", name)
        known = fields().get(name)
        if company:
            where = f"{int(company[1]) + 1}社目の辞退の理由"
        else:
            where = known.label if known else (problem.field or "")
        out.append((where, problem.message))
    return out


def _choices(table: str | None, asked: str, kind: str) -> tuple[tuple[str, str], ...]:
    """The choices of a field: yes/no, the employer kinds, or a table of labels.toml."""
    if kind == "bool":
        return BOOL_CHOICES
    if asked == "employer_kind":
        return (("", AUTO_KIND), *kind_labels().items())
    if kind != "choice" or table is None:
        return ()
    return tuple(label_table(table).items())


def to_case(field: Field, raw: str) -> Any:
    """A form string as a case-file value; None when empty (the key is left out)."""
    text = raw.replace("\r\n", "\n").strip()
    if not text:
        return None
    if field.type == "bool":
        return {"yes": True, "no": False}.get(text, text)
    if field.type == "list":
        return [line.strip() for line in text.split("\n") if line.strip()]
    return text  # dates and datetimes are parsed by the case-file rules


def to_form(field: Field, value: Any) -> str:
    """A case-file value as the form shows it."""
    if value is None:
        return ""
    if field.type == "bool":
        return "yes" if value else "no"
    if field.type == "list":
        return "\n".join(str(item) for item in value)
    if field.type == "datetime":
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return moment.astimezone(JST).strftime("%Y-%m-%dT%H:%M")
    return str(value)


def table_values(names: list[Field], values: dict[str, str]) -> dict[str, Any]:
    """One table of the case file from the form: {key: value} for the fields that apply."""
    table: dict[str, Any] = {}
    for field in names:
        if not field.shown(values):
            continue
        value = to_case(field, values.get(field.name, ""))
        if value is not None:
            table[field.key] = value
    return table


def employer_hints(values: dict[str, str], prefixes: list[str]) -> dict[str, str]:
    """The note under each company's kind select (宛先を銀行として書いています…), by field name;
    `prefixes` are the tables holding a company: company, or companies.0, companies.1 …"""
    hints = {}
    for prefix in prefixes:
        name = values.get(f"{prefix}.name", "").strip()
        if not name:
            continue
        chosen = values.get(f"{prefix}.kind", "")
        kind = cast("EmployerKind", chosen) if chosen in EMPLOYER_KINDS else None
        employer = employer_of(name, kind)
        hint = "" if kind else "名前から判断しました。"
        hints[f"{prefix}.kind"] = f"{employer.said}{hint}違う場合は種類を選び直してください。"
    return hints


def preselect_kinds(values: dict[str, str], prefixes: list[str]) -> bool:
    """Select the kind detected from the name where none is chosen and the name does not say
    plainly (株式会社…): True when a kind was selected, so that the form is shown again for the
    user to confirm it."""
    changed = False
    for prefix in prefixes:
        name = values.get(f"{prefix}.name", "").strip()
        if not name or values.get(f"{prefix}.kind", ""):
            continue
        employer = employer_of(name)
        if employer.needs_notice:
            values[f"{prefix}.kind"] = employer.kind
            changed = True
    return changed
