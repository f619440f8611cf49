"""What `naitei decline --send` says after sending (and asks before): what was sent, what was
not, what the server refused, what may or may not have arrived — and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from naitei.cli.common import confirm, echo

if TYPE_CHECKING:
    from naitei.compose.decline_kit import CompanyDecline
    from naitei.services.outbox import Outbox, SendResult


def resend_choice(
    unknown: list[CompanyDecline], again: list[int], *, ask: bool
) -> list[CompanyDecline]:
    """The unknown ones to send again: named by --resend, or (on a terminal) said yes to."""
    chosen = [company for company in unknown if company.index in again]
    for company in unknown:
        if company in chosen or not ask:
            continue
        question = (
            f"{company.index}. {company.company} <{company.email.to_address}> には、前回の送信が"
            "サーバーに渡した直後に止まったため、届いたかどうか分かりません（送信済みフォルダで"
            "確かめられます）。もう一度送りますか？"
        )
        if confirm(question, err=True):
            chosen.append(company)
    return chosen


def warn_unknown(unknown: list[CompanyDecline]) -> None:
    """Unknown outcomes from an earlier run that stay unsent (the default): said, not failed."""
    if unknown:
        names = "、".join(f"{c.index}. {c.company}" for c in unknown)
        echo(
            f"注意: 届いたかどうか分からないため、送り直さなかった会社があります: {names}。"
            "送信済みフォルダや相手からの返信で確かめ、届いていなければ --resend "
            f"{unknown[0].index} のように付けて実行してください。",
            err=True,
        )


def result_text(box: Outbox, result: SendResult) -> str:
    lines = [f"送信しました（{len(result.sent)}件）:"] if result.sent else []
    lines += [f"  {r.index}. {r.company} <{r.to}>" for r in result.sent]
    where = [str(box.out / "sent.json")]
    if box.cases:
        where.append(f"ケースの記録（{len(box.cases)}社のケースに「メール」の経過）")
    lines.append("送信の記録: " + "、".join(where))
    if box.store is not None and any(r.index not in box.cases for r in result.sent):
        lines.append(
            "データベースにケースのない会社への送信は、ケースの経過には記録していません"
            "（naitei case add で辞退ファイルを登録すると、次の実行のときに記録されます）。"
        )
    return "\n".join(lines) + "\n"


def failure_text(box: Outbox, result: SendResult) -> str:
    """What went wrong, what was and was not sent, and what the user can do next."""
    heads = []
    if result.failed is not None and result.failed in result.unknown:
        heads.append(
            f"{result.failed.index}社目（{result.failed.company}）にメッセージを渡している途中で"
            f"接続が切れたため、止めました（{result.reply}）。届いたかどうかは分かりません。"
        )
    elif result.failed is not None:
        heads.append(
            f"{result.failed.index}社目（{result.failed.company}）への送信に失敗したため、"
            f"止めました（SMTP サーバーの応答: {result.reply}）。"
        )
    heads += [
        f"{c.index}社目（{c.company}）の宛先は、サーバーに拒否されました（{reply}）。"
        "ほかの会社への送信は続けました。"
        for c, reply in result.refused
    ]
    if result.problem:
        heads.append(f"送信の記録の一部を書き込めませんでした。\n{result.problem}")
    return "\n".join([*heads, *_state_lines(box, result), *_next_steps(result)])


def _state_lines(box: Outbox, result: SendResult) -> list[str]:
    def names(companies: list[CompanyDecline]) -> str:
        return "、".join(f"{c.index}. {c.company}" for c in companies) or "なし"

    sent = [c for c in box.kit.companies if box.is_sent(c.index)]
    unsent = [*stopped_at(result), *result.left, *(c for c, _reply in result.refused)]
    lines = [f"  送信済み: {names(sent)}", f"  未送信: {names(sorted(unsent, key=_index))}"]
    if result.unknown:
        lines.append(f"  届いたか不明: {names(result.unknown)}")
    return lines


def _next_steps(result: SendResult) -> list[str]:
    steps = []
    if result.left or (result.failed is not None and result.failed not in result.unknown):
        steps.append("  同じコマンドをもう一度実行すると、未送信の会社にだけ送ります。")
    for company, _reply in result.refused:
        steps.append(
            f"  {company.index}社目は、再実行しても同じ答えになるはずです。宛先のアドレスを確かめて"
            f"辞退ファイルを直すか、電話で伝えたうえで --skip {company.index} を付けて実行して"
            "ください。"
        )
    for company in result.unknown:
        steps.append(
            f"  {company.index}社目は、送信済みフォルダや相手からの返信で届いたかを確かめてください。"
            f"再実行しても自動では送り直しません。届いていなければ --resend {company.index} を"
            "付けて実行してください。"
        )
    return steps


def _index(company: CompanyDecline) -> int:
    return company.index


def stopped_at(result: SendResult) -> list[CompanyDecline]:
    """The company at which the batch stopped, unless its outcome is unknown."""
    if result.failed is None or result.failed in result.unknown:
        return []
    return [result.failed]
