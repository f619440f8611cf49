"""Who writes to whom: the writer's self-introduction and signature, the addressee block.

Addressing rules: a known contact gets 様 after the name (a title goes before it: 人事部 部長
佐藤様, never 部長様); without one, a person-less 採用ご担当者様, or — in a letter to a
department — the department with 御中. 様 and 御中 never share an addressee. Company names are
used exactly as given in the case (前株/後株 kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from naitei.case import Applicant, Company


@dataclass(frozen=True)
class Writer:
    name: str
    kana: str
    affiliation: str  # 東西大学 経済学部 (new graduates) or ""
    email: str
    phone: str
    address: str

    @classmethod
    def of(cls, applicant: Applicant) -> Writer:
        affiliation = ""
        if applicant.is_new_grad:
            affiliation = " ".join(part for part in (applicant.school, applicant.faculty) if part)
        return cls(
            applicant.name,
            applicant.kana,
            affiliation,
            applicant.email,
            applicant.phone,
            applicant.address,
        )

    @property
    def intro(self) -> str:
        """東西大学 経済学部の山田 太郎 / 山田 太郎"""
        return f"{self.affiliation}の{self.name}" if self.affiliation else self.name

    @property
    def family_name(self) -> str:
        return self.name.split()[0] if " " in self.name or "　" in self.name else self.name

    def letter_sender(self) -> list[str]:
        """The sender block of a letter: the postal address, affiliation and name, then how to
        reach the writer."""
        lines = self.address.splitlines()
        if self.affiliation:
            lines.append(self.affiliation)
        lines.append(self.name)
        if self.phone:
            lines.append(f"電話 {self.phone}")
        if self.email:
            lines.append(self.email)
        return lines

    def signature(self) -> list[str]:
        name = f"{self.name}（{self.kana}）" if self.kana else self.name
        lines = [name]
        if self.affiliation:
            lines.append(self.affiliation)
        if self.address:  # one line, labelled like the phone and the mail
            lines.append("住所：" + "　".join(part.strip() for part in self.address.splitlines()))
        if self.phone:
            lines.append(f"電話：{self.phone}")
        if self.email:
            lines.append(f"メール：{self.email}")
        return lines


# Titles whose holders are called 先生 by name in speech and inside sentences (石原先生):
# lawyers, doctors, licensed advisers, professors, a clinic's director.
SENSEI_TITLES = (
    "弁護士",
    "医師",
    "歯科医師",
    "獣医師",
    "税理士",
    "公認会計士",
    "司法書士",
    "弁理士",
    "社会保険労務士",
    "行政書士",
    "院長",
    "教授",
    "准教授",
)


@dataclass(frozen=True)
class Recipient:
    organisation: str
    department: str  # 人事部 or ""
    title: str  # 採用担当, 部長 … or "" (written before the name, never before 様 alone)
    contact: str  # 佐藤 or "" when no one is named
    email: str
    is_agent: bool = False

    @classmethod
    def company(cls, company: Company) -> Recipient:
        title = company.contact_title if company.contact_name else ""
        return cls(company.name, company.department, title, company.contact_name, company.email)

    @classmethod
    def agent(cls, name: str, contact: str, email: str) -> Recipient:
        return cls(name, "", "", contact, email, is_agent=True)

    @property
    def person(self) -> str:
        """佐藤様 / 採用ご担当者様 / ご担当者様"""
        if self.contact:
            return f"{self.contact}様"
        return "ご担当者様" if self.is_agent else "採用ご担当者様"

    def addressee(self, *, letter: bool = False) -> list[str]:
        """The addressee block at the top of an email or letter."""
        lines = [self.organisation]
        if letter and self.department and not self.contact and not self.is_agent:
            return [*lines, f"{self.department} 御中"]
        if self.department:
            lines.append(self.department)
        return [*lines, f"{self.title} {self.person}".strip()]

    @property
    def sensei(self) -> bool:
        """A named contact whose title is one of SENSEI_TITLES."""
        return bool(self.contact) and self.title.endswith(SENSEI_TITLES)

    @property
    def spoken(self) -> str:
        """How to ask for the person on the phone: 人事部の佐藤様, 人事部採用担当の佐藤様,
        看護部長の松田様 (a title that names the department says it once), 採用ご担当の方."""
        department = "" if _latin(self.department) else self.department
        title = "" if _latin(self.title) else self.title
        if not self.contact:
            person = "ご担当の方" if self.is_agent else "採用ご担当の方"
            return f"{department}の{person}" if department else person
        if self.sensei:
            return f"{self.contact}先生"
        if not title:
            if not department and (self.department or self.title):
                return f"採用ご担当の{self.person}"  # English unit and title: not read aloud
            return f"{department}の{self.person}" if department else self.person
        unit = "" if title.startswith(department) else f"{department} "
        return f"{unit}{title}の{self.person}".strip()

    @property
    def short(self) -> str:
        """佐藤様 / 石原先生 / ご担当者様: the person named inside sentences."""
        if self.sensei:
            return f"{self.contact}先生"
        return self.person if self.contact else "ご担当者様"


def _latin(text: str) -> bool:
    """A department or title written in English (Talent Acquisition, HR Japan): read aloud on
    the phone it is a mouthful the receptionist may not know; the script says 採用ご担当 instead
    (reader 4, B6). The written address block keeps it exactly as given."""
    return len(re.findall(r"[A-Za-z]", text)) >= 4
