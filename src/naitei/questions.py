"""The questions of `naitei init` (data/interview.toml) and the web app's forms built from them
(data/wizard.toml), read by knowledge.load_records into typed records.

A question of an unknown type, a key missing or misspelt, a `choices` that names no table of
labels.toml, a `words` that names no example of data/phrases/words.toml, a `when` that names
no question of its section, a form field that no question defines: each is refused when the
file is loaded, naming the file and the key (「naitei/data/interview.toml: offer[3].type: …」).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from naitei.knowledge import RecordError, load_records
from naitei.vocabulary import CasePurpose

QuestionType = Literal[
    "text", "choice", "bool", "date", "datetime", "list", "hours", "employer_kind"
]
WebInput = Literal["text", "email", "tel", "textarea", "select"]  # how the browser asks
Condition = dict[str, list[str]]  # key of an earlier answer → the values that make it apply
SECTIONS = (
    "applicant",
    "company",
    "offer",
    "decline",
    "withdrawal",
    "decline_reason",
    "decline_company",
)


@dataclass(frozen=True)
class Question:
    """One question: `key` where the answer goes in the case file, `choices` a table of
    labels.toml, `words` the kind of a free-text answer woven into the documents."""

    key: str
    ask: str
    type: QuestionType
    optional: bool = False
    choices: str | None = None
    when: Condition | None = None
    required_when: Condition | None = None
    words: str | None = None


@dataclass(frozen=True)
class Interview:
    purpose_question: str
    purpose_choices: dict[CasePurpose, str]
    more_companies: str
    applicant: tuple[Question, ...]
    company: tuple[Question, ...]
    offer: tuple[Question, ...]
    decline: tuple[Question, ...]
    withdrawal: tuple[Question, ...]
    decline_reason: tuple[Question, ...]
    decline_company: tuple[Question, ...]

    def section(self, name: str) -> tuple[Question, ...]:
        questions: tuple[Question, ...] = getattr(self, name)
        return questions


@dataclass(frozen=True)
class WizardStep:
    """A page of the browser's wizard ([[steps]] of wizard.toml): the fields it asks, in order."""

    id: str
    title: str
    lead: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Wording:
    """A field's label and help worded for one form."""

    label: str | None = None
    help: str | None = None


@dataclass(frozen=True)
class DeclineForm:
    """The decline form: the applicant's fields, the one reason for all, each company's."""

    applicant: tuple[str, ...]
    reason: tuple[str, ...]
    company: tuple[str, ...]
    labels: dict[str, Wording] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    choice_labels: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ExtraField:
    """A field the terminal interview does not ask."""

    type: WebInput
    optional: bool = False
    when: Condition | None = None


@dataclass(frozen=True)
class WebField(Wording):
    """What the browser adds to a question: its wording (a short label, help), a default, the
    input."""

    autocomplete: str | None = None
    input: WebInput | None = None
    default: str | None = None


@dataclass(frozen=True)
class Wizard:
    steps: tuple[WizardStep, ...]
    decline_form: DeclineForm
    extra: dict[str, ExtraField] = field(default_factory=dict)
    fields: dict[str, WebField] = field(default_factory=dict)


def _examples() -> set[str]:
    from naitei.compose.phrases import words_bank

    return set(words_bank().examples)


def _interview_sound(interview: Interview) -> None:
    examples = _examples()
    for section in SECTIONS:
        questions = interview.section(section)
        keys = {question.key for question in questions}
        for question in questions:
            where = f"{section}[{question.key}]"
            if (question.type == "choice") != (question.choices is not None):
                raise RecordError(f"{where}.choices", "given exactly when type is choice")
            if question.choices is not None and not _is_label_table(question.choices):
                raise RecordError(f"{where}.choices", "no such table in labels.toml")
            if question.words is not None and question.words not in examples:
                raise RecordError(f"{where}.words", "no such [examples] key in words.toml")
            for name, condition in (
                ("when", question.when),
                ("required_when", question.required_when),
            ):
                unknown = sorted(set(condition or {}) - keys)
                if unknown:
                    raise RecordError(
                        f"{where}.{name}", f"names no question of {section}: {unknown}"
                    )


def _is_label_table(name: str) -> bool:
    from naitei.errors import DataError
    from naitei.labels import table as label_table

    try:
        label_table(name)
    except DataError:
        return False
    return True


@cache
def interview() -> Interview:
    """data/interview.toml, checked."""
    loaded: Interview = load_records("interview", Interview, _interview_sound)
    return loaded


def _wizard_sound(wizard: Wizard) -> None:
    asked = interview()
    known = {f"{s}.{q.key}" for s in SECTIONS[:5] for q in asked.section(s)} | set(wizard.extra)
    form = wizard.decline_form
    named = [(f"steps[{step.id}].fields", step.fields) for step in wizard.steps]
    named += [
        (f"decline_form.{key}", getattr(form, key)) for key in ("applicant", "reason", "company")
    ]
    named += [
        (f"decline_form.{key}", tuple(getattr(form, key)))
        for key in ("labels", "words", "choice_labels")
    ]
    named += [("fields", tuple(wizard.fields))]
    for path, names in named:
        unknown = [name for name in names if name not in known]
        if unknown:
            raise RecordError(path, f"no question defines {unknown}")
    for name, extra in wizard.extra.items():
        table = name.split(".", 1)[0]
        unknown = sorted(
            f"{table}.{key}" for key in extra.when or {} if f"{table}.{key}" not in known
        )
        if unknown:
            raise RecordError(f"extra.{name}.when", f"no question defines {unknown}")
    examples = _examples()
    for name, kind in form.words.items():
        if kind not in examples:
            raise RecordError(f"decline_form.words.{name}", "no such [examples] key in words.toml")


@cache
def wizard() -> Wizard:
    """data/wizard.toml, checked against the questions it groups."""
    loaded: Wizard = load_records("wizard", Wizard, _wizard_sound)
    return loaded
