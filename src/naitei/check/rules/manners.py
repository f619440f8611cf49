"""Word-list rules added by issue 13, kept as data in phrases.toml like the others:

- rude-to-superior: words that are polite in form but talk down to a superior (ご苦労様です,
  大変参考になりました, 感心しました, なるほどです, させてもらう, 大丈夫です as a yes);
- question-mark: ？ in a formal email or letter (a question ends with か。);
- word-confusion: a word mixed up with a neighbour (ご教授 for ご教示, 的を得る, 汚名挽回,
  役不足 said of oneself);
- own-family-honorific: お父さん・お母さん・おばあちゃん for one's family before an outsider (父,
  母, 祖母);
- insider-greeting: お疲れ様です, a greeting inside one organisation, opening a message to an
  outsider (お世話になっております);
- ranking-remark: words that rank the reader below another employer (滑り止め, 本命, 第一志望だった
  他社, ほかに行くところがない, 大企業の方がいい): the generator warns on them in a user's reason, and
  a second independent reader found the checker silent on the same words in a draft;
- san-to-recruiter: さん for the employer's person or the employer (人事の長谷川さん, 長谷川さんは
  いらっしゃいますか, 株式会社ひかり建設さん): 様 in business speech and writing (misses14);
- sasete-without-leave: させていただく on what happens inside the writer (感銘を受けさせていただく,
  共感させていただく): no leave or favour is involved (misses14).

The matching is phrases.scan; this module only owns the rule ids.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.rules.phrases import scan
from naitei.check.rules.structure import signed_by_organisation

RULES = (
    "rude-to-superior",
    "question-mark",
    "word-confusion",
    "own-family-honorific",
    "insider-greeting",
    "ranking-remark",
    "san-to-recruiter",
    "sasete-without-leave",
)
_OWN = frozenset(RULES)


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    """Like phrases.check, but never on the other party's lines of a script (本田：なるほど),
    and san-to-recruiter never in a mail a company or an agent signs (a recruiter may write
    山田さん to an applicant)."""
    for finding in scan(doc, active & _OWN):
        if doc.spoken_by_others(finding.start):
            continue
        if finding.rule == "san-to-recruiter" and signed_by_organisation(doc):
            continue
        yield finding
