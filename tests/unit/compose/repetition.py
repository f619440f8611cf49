"""What a careful writer never repeats in one message: a sentence, a clause, a long run of
words, a polite formula more than twice, or a word of one stem (勝手, 反省, お詫び …) in two
sentences close together (naitei/data/phrases/formulas.toml).

A phone or visit script is a set of alternatives (the recruiter is absent, asks why, refuses …):
its sections are read one at a time, so short formulaic sentences (失礼いたします。) may recur
from section to section, but nothing is said twice within one, and no long sentence or run of
words is repeated anywhere in the script.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from naitei.case import Case, DeclineCase
from naitei.compose.model import Document
from naitei.compose.parties import Recipient
from naitei.compose.phrases import formulas as phrase_formulas

_SENTENCE_END = re.compile(r"(?<=[。？！])")
_SPEAKER = re.compile(r"^[-・] ?(?:[^：\n]{0,30}、)?あなた：")
_RULE_LINE = re.compile(r"^―+$")
LONG_SENTENCE = 20  # characters: a sentence this long is never said twice in a script
CLAUSE = 10  # characters: a clause (between 、 and 。) this long is never written twice
RUN = 16  # characters: a run of this many identical characters is a repeated phrase


def near() -> tuple[tuple[str, ...], int]:
    """The stems that are not used twice within a few sentences, and how many (formulas.toml)."""
    near = phrase_formulas().near
    return tuple(near.stems), near.window


def near_duplicates(said: list[str]) -> list[str]:
    """A stem (勝手, 反省 …) in two sentences fewer than `window` sentences apart."""
    stems, window = near()
    found = []
    for stem in stems:
        at = [i for i, sentence in enumerate(said) if stem in sentence]
        found += [
            f"{stem} twice within {window} sentences: {said[a]} / {said[b]}"
            for a, b in pairwise(at)
            if b - a < window
        ]
    return found


def formulas() -> tuple[tuple[str, ...], int]:
    bank = phrase_formulas()
    return tuple(entry.word for entry in bank.formula), bank.max_per_document


def body_of(document: Document) -> str:
    """The words of the message: a letter's paragraphs, an email without its addressee and
    signature block, a script's lines with the speaker marks removed."""
    if document.letter is not None:
        return "\n".join(document.letter.paragraphs)
    lines = document.text.splitlines()
    if document.medium == "written":
        start = lines.index("") + 1 if "" in lines else 0
        rules = [i for i, line in enumerate(lines) if _RULE_LINE.match(line)]
        end = rules[0] if rules else len(lines)
        lines = lines[start:end]
    return "\n".join(_SPEAKER.sub("", line) for line in lines)


def sections(document: Document, body: str) -> list[str]:
    """A script's sections (split at ## headings); an email or letter is one section."""
    if document.medium == "written":
        return [body]
    return re.split(r"^##? .*$", body, flags=re.M)


def sentences(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        found += [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    return found


def problems(document: Document, names: tuple[str, ...]) -> list[str]:
    """Every repetition in `document`; `names` (the employer, agent, applicant, school) are
    not phrases and are left out of the comparison."""
    body = body_of(document)
    for name in sorted((n for n in names if n), key=len, reverse=True):
        body = body.replace(name, "〓")
    found: list[str] = []
    words, most = formulas()
    for section in sections(document, body):
        said = sentences(section)
        found += [f"sentence twice: {s}" for s, n in Counter(said).items() if n > 1]
        found += near_duplicates(said)
        for word in words:
            count = section.count(word)
            if count > most:
                found.append(f"{word} ×{count}")
    whole = sentences(body)
    if document.medium == "spoken":
        long = [s for s in whole if len(s) >= LONG_SENTENCE]
        found += [f"long sentence twice: {s}" for s, n in Counter(long).items() if n > 1]
    else:
        clauses = [c for s in whole for c in re.split("[、。]", s) if len(c) >= CLAUSE]
        found += [f"clause twice: {c}" for c, n in Counter(clauses).items() if n > 1]
    found += [f"phrase twice: {run}" for run in _repeated_runs(body)]
    return sorted(set(found))


def _repeated_runs(text: str) -> list[str]:
    """Runs of RUN characters (within a line) that occur twice without overlapping."""
    seen: dict[str, int] = {}
    runs = []
    for line_start, line in _lines_with_offsets(text):
        for i in range(len(line) - RUN + 1):
            run = line[i : i + RUN]
            if "〓" in run:
                continue
            at = line_start + i
            if run in seen and at - seen[run] >= RUN:
                runs.append(run)
            seen.setdefault(run, at)
    return _merged(runs)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _merged(runs: list[str]) -> list[str]:
    """One entry per repeated phrase rather than one per overlapping run."""
    kept: list[str] = []
    for run in runs:
        if kept and run[:-1] == kept[-1][-(RUN - 1) :]:
            kept[-1] += run[-1]
        else:
            kept.append(run)
    return kept


def names_of(case: Case, index: int) -> tuple[str, ...]:
    applicant = case.applicant
    company = case.companies[index] if isinstance(case, DeclineCase) else case.company
    agent = company.agent_name if isinstance(case, DeclineCase) else case.offer.agent_name
    person = Recipient.company(company).spoken  # 人事部の佐藤様: said to the reception too
    return (person, company.name, company.department, agent, applicant.name, applicant.school)
