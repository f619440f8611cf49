"""honorific-direction: keigo pointed the wrong way (『敬語の指針』2007).

A verb's keigo must follow whose action it describes: 尊敬語 raises the reader and the
reader's side, 謙譲語 lowers oneself and one's own side. The rule knows the direction of
each verb (lexicon.toml: [[honorific]], [[humble_verb]]) and the side of a subject
(lexicon.toml: [[own_side]], [[reader_side]], a name with 様・さん・先生, a bare surname), and
flags
- a humble verb made respectful with れる・られる (申される, 参られる, 拝見される, 伺われる):
  still humble, so it lowers the reader;
- ご〜する／お〜する inside a request or a favour the reader does (ご確認してください,
  ご説明していただけますか): the humble form for the reader's act (→ ご確認ください);
- 来させていただく: one's own visit seen from the reader's side (→ 伺います・参ります);
- a subject of one's own side (私, 弊社, 父, a bare surname: 田村が) whose predicate is
  respectful (おっしゃる, いらっしゃる, お〜になる, ご〜される: 祖父がご逝去され);
- ご〜できる of an act directed at no one (lexicon.toml [[no_recipient]]: ご参加できます,
  ご確認できましたら): the humble potential, where there is nobody to raise;
- a subject of the reader's side (佐藤様が, 貴社は, and a person named after 貴社の: 貴社の
  藤田部長が) whose predicate is humble (申す, 参る, 拝見する, おる, お〜する);
- a humble noun asked of the reader (ご拝読ください, 拝見ください);
- one's own side raised as the giver of a favour (上司に確認していただいた: いただく lifts
  上司 before an outsider);
- ご〜いたす／ご〜する／ご〜させていただく of one's own act directed at no one (lexicon.toml
  [[no_recipient]]: ご持参いたします, ご参加します): お／ご + one's own act is 謙譲語I only
  when the act goes to the reader (ご連絡いたします, ご説明いたします); here it points nowhere.
  (misses14: drafts written blind before the rules were read.)
The forms the 指針 accepts by custom (お伺いする, お見えになる, お召し上がりになる) are not
pointed at anyone and are never flagged; 伺われる that means "can be seen" (努力が伺われる)
is left alone unless a person is the subject.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from naitei.check.data import lexicon, lexicon_words
from naitei.check.document import Document, Sentence
from naitei.check.model import Finding
from naitei.check.tokenizer import Tokens
from naitei.employers import all_honorifics
from naitei.precompiled import longest_first, regex, trie

RULES = ("honorific-direction",)

_PREFIXES = frozenset({"お", "ご", "御"})
_PERSON_SUFFIXES = frozenset({"様", "さん", "さま", "先生", "氏", "殿"})
_SUBJECT = frozenset({"が", "は", "も"})
_KITE = regex("(?:来|こ)(?:させて|さして)(?P<tail>いただ|頂|もら)")
_REQUEST = regex("[お御ご](?P<word>[^\\s。、]{1,6}?)して(?:くださ|下さ|いただ|頂|もら)")
_MIZEN = {"る": "ら", "す": "さ", "う": "わ"}
# Sentences worth reading for a subject's side: a respectful predicate (お／ご〜になる, but not
# お世話になる and its kin), or a humble one aimed at someone (〜にお伝えする).
_OWN_PREDICATES = (
    "おっしゃ|仰|いらっしゃ|なさ|召し上が|ご存|[おご御](?!世話|迷惑|心配|厄介)[^、。\\s]{1,5}にな"
    "|[ご御][一-龥]{2}され|くださ(?!い)|下さ(?!い)"
)
_MIZEN_ANY = {
    "る": "ら",
    "く": "か",
    "む": "ま",
    "ぶ": "ば",
    "す": "さ",
    "う": "わ",
    "つ": "た",
    "ぐ": "が",
}
_RERU = frozenset({"れる", "られる"})
# ご担当の方, 採用の方が: the 方 of a person on the reader's side (not 資料の方, read ほう). One
# definition: _ROLE_NO anchors it before 方 in _side, _reader_hint searches it with 方[がはも].
_ROLE = r"(?:[ごお御][一-龥]{1,4}|担当|人事|採用|受付|総務|事務|先方)の"
_ROLE_NO = regex(_ROLE + "$")
_AGENT = frozenset({"に", "から", "より"})
_PERSON = frozenset({"様", "さん", "先生"})
_PARTICLES = regex("[がはも]")
_PARTICLES_TARGET = regex("[がはもに]")
_TARGET_HINT = regex(
    "(?<![様社方行院庫校学市庁])に(?:[おご御](?!迷惑|手数|時間|願い|礼|世話)|申し上げ|差し上げ|伺)"
)


@cache
def _humble() -> dict[str, tuple[str, bool]]:
    """Humble verb (or サ変 noun) → (its respectful counterpart, is a noun)."""
    return {verb.word: (verb.honorific, verb.noun) for verb in lexicon().humble_verb}


@cache
def _rare() -> re.Pattern[str]:
    """申され, 参られ, 拝見され …: the れ after the 未然形 of a humble verb (from the lexicon),
    so that only those sentences are read."""
    stems = set()
    for word, (_honorific, noun) in _humble().items():
        if noun:
            stems.add(word + "さ")
        elif word[-1] in _MIZEN:
            stems.add(word[:-1] + _MIZEN[word[-1]])
    alternatives = "|".join(map(re.escape, sorted(stems, key=longest_first)))
    return regex(f"(?:{alternatives})(?P<re>れ)")


@cache
def _requested() -> re.Pattern[str]:
    """伺ってください, お伺いください, 拝見してください, ご拝読ください: a humble verb (or a
    humble noun straight before ください) before a request."""
    return regex(
        "(?:伺[っい]|申し|参っ|まいっ|拝(?:見|読|聴|借)し?|存じ|承っ|いただい|頂い|致し|いたし)"
        "[てで]?(?P<req>くださ|下さ|もら|いただ|頂)"
    )


@cache
def _self_acts() -> frozenset[str]:
    """反対, 入院, 来る …: acts a person does by themself (lexicon.toml [[self_act]]), so that
    〜される／〜られる with a person as the subject can only raise that person."""
    return frozenset(lexicon_words("self_act"))


@cache
def _own_predicates() -> re.Pattern[str]:
    """The sentence hint for a subject of one's own side: a respectful predicate, or a self
    act raised with れる・られる (父が反対されまして, 母が来られました)."""
    raised = sorted(
        {
            word + "され" if word[-1] not in _MIZEN_ANY else word[:-1] + _MIZEN_ANY[word[-1]] + "れ"
            for word in _self_acts()
        },
        key=longest_first,
    )
    return regex(f"{_OWN_PREDICATES}|{trie(raised)}")


@cache
def _respectful() -> frozenset[str]:
    return frozenset(lexicon_words("honorific"))


@cache
def _employer_form_at_end() -> re.Pattern[str]:
    written, spoken = all_honorifics()
    forms = sorted(written | spoken, key=longest_first)
    return regex(f"(?:{'|'.join(map(re.escape, forms))})$")


@cache
def _own_side() -> frozenset[str]:
    return frozenset(lexicon_words("own_side"))


@cache
def _reader_side() -> frozenset[str]:
    return frozenset(lexicon_words("reader_side"))


@cache
def _no_recipient() -> re.Pattern[str]:
    """ご参加でき, ご確認でき: the humble potential of an act directed at no one."""
    nouns = sorted(lexicon_words("no_recipient"), key=len, reverse=True)
    return regex(f"[おご御](?P<word>{'|'.join(map(re.escape, nouns))})(?P<can>でき|出来)")


@cache
def _pointless_prefix() -> re.Pattern[str]:
    """ご持参いたします, ご参加します, ご出席させていただきます: お／ご + an act directed at no
    one + a humble or plain verb of one's own (not ご〜してください, the reader's act)."""
    nouns = sorted(lexicon_words("no_recipient"), key=len, reverse=True)
    return regex(
        f"[おご御](?P<word>{'|'.join(map(re.escape, nouns))})"
        "(?P<verb>(?:いたし|致し)(?=ま)|し(?=ま[すしせ])|させて(?:いただ|頂)(?=[きけ]))"
    )


@cache
def _reader_no() -> re.Pattern[str]:
    """貴社の藤田部長が, 御行のご担当の方は: a sentence that names a person of the reader's side
    after 貴社の (a title, 方 or 担当者 before が／は／も), so that only those are tokenized."""
    written, spoken = all_honorifics()
    forms = sorted(written | spoken, key=longest_first)
    people = sorted(_person_words(), key=longest_first)
    return regex(
        f"(?:{'|'.join(map(re.escape, forms))})の[^。、\\n]{{0,10}}?"
        f"(?:{'|'.join(map(re.escape, people))})[がはも]"
    )


@cache
def _person_words() -> frozenset[str]:
    """Nouns that end a person's mention after 貴社の: titles (部長, 人事部長) and 方, 担当者."""
    return frozenset(lexicon_words("title")) | {"方", "担当者", "担当", "皆様", "皆さま"}


@cache
def _received_hint() -> re.Pattern[str]:
    """上司に確認していただいた, 父にご相談いただき: a favour received from a person of one's own
    side ([[own_side]]; a bare surname is read only in a sentence another hint opens)."""
    words = sorted(_own_side(), key=longest_first)
    return regex(
        f"(?:{'|'.join(map(re.escape, words))})に[^。、\\n]{{0,10}}?"
        "(?:[てで](?:いただ|頂|くださ|下さ)|[おご御][一-龥]{1,4}(?:いただ|頂))"
    )


_FIRST_PERSON_SUBJECT = regex("(?:私|わたくし|わたし|弊社|当社|私ども)(?:が|は|も|の方で|のほうで)")


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "honorific-direction" not in active:
        return
    text = doc.own_text
    if "でき" in text or "出来" in text:
        yield from _humble_potential(doc)
    if "れ" in text:
        yield from _humble_made_respectful(doc)
    if "して" in text:
        yield from _humble_request(doc)
    if "させて" in text or "さして" in text:
        yield from _kisasete(doc)
    if _requested().search(text):
        yield from _humble_verb_requested(doc)
    if "お" in text or "ご" in text or "御" in text:
        yield from _prefix_pointing_nowhere(doc)
    yield from _subject_sentences(doc)


def _say(doc: Document, start: int, end: int, message: str, fix: str | None) -> Finding:
    return doc.finding("honorific-direction", start, end, message, fix)


def _token_starts(
    doc: Document, pattern: re.Pattern[str], group: str | int = 0
) -> Iterator[tuple[re.Match[str], Tokens, int]]:
    """Each match of `pattern` in the writer's own words whose `group` begins a token: the
    match, the tokens around it and that token's index."""
    for match in pattern.finditer(doc.text):
        offset = match.start(group)
        if doc.spoken_by_others(offset):
            continue
        tokens = doc.tokens_at(offset)
        i = tokens.index_at(offset)
        if i >= 0 and tokens.begins[i] == offset:
            yield match, tokens, i


def _humble_made_respectful(doc: Document) -> Iterator[Finding]:
    """申される, 参られる, 拝見される, 伺われる: a humble verb + respectful れる."""
    seen: set[int] = set()
    for _, tokens, i in _token_starts(doc, _rare(), "re"):
        if i < 1 or tokens.begins[i] in seen:
            continue
        seen.add(tokens.begins[i])
        if tokens.pos(i)[0] != "助動詞" or tokens.dictionary_form(i) not in ("れる", "られる"):
            continue
        verb = i - 1
        if tokens.dictionary_form(verb) in ("する", "為る") and verb > 0:
            verb -= 1  # 拝見 + さ + れる
            entry = _humble().get(tokens.surface(verb))
            if entry is None or not entry[1]:
                continue
        else:
            entry = _humble().get(tokens.dictionary_form(verb))
            if entry is None or entry[1] or tokens.pos(verb)[0] != "動詞":
                continue
        word = tokens.dictionary_form(verb)
        if word == "おる" or (word == "伺う" and not _person_before(tokens, verb)):
            continue  # おられる is in wide use; 努力が伺われる means "can be seen"
        start, end = tokens.begins[verb], tokens.ends[i]
        message = (
            f"「{doc.text[start:end]}」は謙譲語「{_plain(tokens, verb)}」に尊敬の「れる・られる」を付けた形で、"
            f"相手を低めたままです。相手の動作には尊敬語「{entry[0]}」を使います。"
        )
        yield _say(doc, start, end, message, None)


def _plain(tokens: Tokens, i: int) -> str:
    word = tokens.surface(i)
    return word + "する" if _humble().get(word, ("", False))[1] else tokens.dictionary_form(i)


def _person_before(tokens: Tokens, i: int) -> bool:
    return any(tokens.surface(k) in _PERSON for k in range(max(0, i - 8), i))


def _humble_request(doc: Document) -> Iterator[Finding]:
    """ご確認してください, お送りしていただけますか: the reader's act in a humble form."""
    for match, tokens, i in _token_starts(doc, _REQUEST):
        if tokens.surface(i) not in _PREFIXES:
            continue
        shite = tokens.index_at(match.end("word"))
        if shite != i + 2 or tokens.dictionary_form(shite) not in ("する", "為る"):
            continue
        start, end = match.start(), match.end("word") + 2
        fixed = doc.text[start : match.end("word")]
        message = (
            f"「{doc.text[start:end]}」の「お／ご〜する」は自分の動作をへりくだる謙譲語です。"
            f"相手にしてもらう動作には使わず、「{fixed}ください」「{fixed}いただけますか」とします。"
        )
        yield _say(doc, start, end, message, fixed)


def _humble_potential(doc: Document) -> Iterator[Finding]:
    """ご参加できます, ご確認できましたら: ご〜できる of an act that is directed at no one, so
    the humble form raises nobody and lowers whoever acts — mostly the reader."""
    text = doc.own_text
    for match in _no_recipient().finditer(text):
        start, end = match.start(), match.end()
        if doc.spoken_by_others(start):
            continue
        number = bisect_right(doc.sentence_starts, start) - 1
        sentence_start = doc.sentences[number].start if number >= 0 else 0
        word = match["word"]
        if _FIRST_PERSON_SUBJECT.search(text, sentence_start, start):
            fixed, whose = f"{word}{match['can']}", "自分の動作なので"
        else:
            fixed, whose = f"{text[start]}{word}いただけ", "相手の動作なら"
        message = (
            f"「{text[start:end]}る」は謙譲語「お／ご〜する」の可能形ですが、「{word}」は誰かに"
            f"向かう動作ではないので謙譲語にできません。{whose}「{fixed}る」とします。"
        )
        yield _say(doc, start, end, message, fixed)


def _prefix_pointing_nowhere(doc: Document) -> Iterator[Finding]:
    """ご持参いたします: the humble お／ご of an act that goes to no one, said of oneself."""
    text = doc.own_text
    for match in _pointless_prefix().finditer(text):
        start = match.start()
        if doc.spoken_by_others(start):
            continue
        word = match["word"]
        message = (
            f"「{text[start]}{word}」の「{text[start]}」は、相手に向かう自分の動作をへりくだる"
            f"謙譲語の「お／ご」ですが、「{word}」は相手に向かう動作ではないので、誰も高めません。"
            f"「{word}いたします」「{word}します」のように「{text[start]}」を付けずに書きます。"
        )
        yield _say(doc, start, match.end("word"), message, word)


def _humble_verb_requested(doc: Document) -> Iterator[Finding]:
    """伺ってください, お伺いください, 拝見してください: the reader asked to act humbly."""
    for _, tokens, k in _token_starts(doc, _requested(), "req"):
        if k < 1:
            continue
        j = k - 1
        if tokens.surface(j) in ("て", "で"):
            j -= 1
        if j >= 0 and tokens.dictionary_form(j) in ("する", "為る"):
            j -= 1  # 拝見 + し + て
        if j < 0:
            continue
        word = tokens.dictionary_form(j) if tokens.pos(j)[0] == "動詞" else tokens.surface(j)
        if (
            word == "いただく"
            and tokens.surface(j + 1) in ("て", "で")
            and tokens.surface(k)[:1] in "く下"
        ):
            honorific = "召し上がる／お受け取りになる"
        elif word in _humble() and word not in ("おる",):
            honorific = _humble()[word][0]
        else:
            continue
        start = (
            tokens.begins[j - 1]
            if j > 0 and tokens.surface(j - 1) in _PREFIXES
            else tokens.begins[j]
        )
        end = tokens.ends[k]
        message = (
            f"「{doc.text[start:end]}」は謙譲語「{_plain(tokens, j)}」を相手の動作として求めています。"
            f"相手にお願いする動作には尊敬語（「{honorific}」など）を使います。"
        )
        yield _say(doc, start, end, message, None)


def _kisasete(doc: Document) -> Iterator[Finding]:
    for match in _KITE.finditer(doc.text):
        if doc.spoken_by_others(match.start()):
            continue
        start, end = match.start(), match.start("tail")
        message = (
            f"「{doc.text[start : match.end()]}」は、自分が相手のもとへ行くことを相手の側から"
            "「来る」と言い、それに「させていただく」を付けた形です。"
            "「伺います」「参ります」とします。"
        )
        yield _say(doc, start, end, message, None)


@cache
def _reader_hint() -> re.Pattern[str]:
    words = sorted({*_PERSON, *_reader_side()}, key=longest_first)
    return regex(f"(?:{trie(words)}|{_ROLE}方)[がはも]")


def _subject_sentences(doc: Document) -> Iterator[Finding]:
    """The sentences with a hint of a subject or a target of one side and keigo of the other
    (found with three searches over the whole text), each read once."""
    text = doc.own_text
    hits: dict[int, set[str]] = {}
    starts = doc.sentence_starts
    for hint, pattern in (
        ("own", _own_predicates()),
        ("reader", _reader_hint()),
        ("reader", _reader_no()),
        ("target", _TARGET_HINT),
        ("target", _received_hint()),
    ):
        for match in pattern.finditer(text):
            number = bisect_right(starts, match.start()) - 1
            if number >= 0:
                hits.setdefault(number, set()).add(hint)
    for number in sorted(hits):
        sentence = doc.sentences[number]
        if not doc.spoken_by_others(sentence.start):
            yield from _subjects(doc, sentence, hits[number])


def _subjects(doc: Document, sentence: Sentence, hints: set[str]) -> Iterator[Finding]:
    """Subjects of one side whose first predicate is keigo of the other side."""
    own_hint, target_hint = "own" in hints, "target" in hints
    tokens = doc.tokens_at(sentence.start)
    particles = _PARTICLES_TARGET if target_hint else _PARTICLES
    for match in particles.finditer(doc.text, sentence.start, sentence.end):
        i = tokens.index_at(match.start())
        if i < 1 or tokens.begins[i] != match.start() or tokens.ends[i] != match.end():
            continue
        if tokens.pos(i)[0] != "助詞":
            continue
        if match.group() == "に":
            yield from _raised_own_side(doc, tokens, i, sentence.end)
            continue
        side = _side(tokens, i - 1)
        if side is None or (side == "own" and not own_hint):
            continue
        found = _first_predicate(tokens, i + 1, sentence.end)
        if found is None:
            continue
        start, end, direction, word = found
        if side == "own" and direction == "respectful":
            yield _say(doc, start, end, _own_message(doc, tokens, i - 1, start, end), None)
        elif side == "own" and direction == "raised" and _raised_by_reru(tokens, i, start):
            yield _say(doc, start, end, _raised_message(doc, tokens, i - 1, start, end, word), None)
        elif side == "reader" and direction == "humble":
            honorific = _humble().get(word, ("尊敬語", False))[0]
            subject = doc.text[_subject_start(tokens, i - 1) : tokens.ends[i - 1]]
            message = (
                f"「{subject}」の動作に謙譲語「{doc.text[start:end]}」が使われています。"
                f"相手の動作には尊敬語（「{honorific}」など）を使います。"
            )
            yield _say(doc, start, end, message, None)


_FIRST_PERSON = frozenset(
    {"私", "わたくし", "わたし", "私ども", "僕", "自分", "弊社", "当社", "当方", "小生"}
)
_RAISING = frozenset({"申し上げる", "差し上げる", "伺う"})


def _raised_own_side(doc: Document, tokens: Tokens, i: int, end: int) -> Iterator[Finding]:
    """上司にお伝えします, 田村にご相談しました: a humble verb that raises one's own side."""
    if _side(tokens, i - 1) != "own" or tokens.surface(i - 1) in _FIRST_PERSON:
        return
    k = i + 1
    if k + 2 >= len(tokens) or tokens.begins[k] >= end:
        return
    # 上司に, 父に, 田村に: a person of one's own side (not 弊社の新卒採用に, a thing)
    person = tokens.surface(i - 1) in _own_side() or tokens.pos(i - 1)[2] == "人名"
    received = _received(tokens, k, end) if person else None
    if received is not None:
        start, stop = received
        who = doc.text[_subject_start(tokens, i - 1) : tokens.ends[i - 1]]
        message = (
            f"「{doc.text[start:stop]}」の「いただく・くださる」は、してくれた人（「{who}」）を"
            f"高めます。「{who}」は自分の側の人なので、相手の前では高めず"
            f"「{who}に〜してもらう」「{who}の了承を得る」のように言います。"
        )
        yield _say(doc, start, stop, message, None)
        return
    if tokens.surface(k) in _PREFIXES:
        found = _prefixed(tokens, k)
        if found is None or found[2] != "humble":
            return
        start, stop = found[0], found[1]
    elif tokens.pos(k)[0] == "動詞" and tokens.dictionary_form(k) in _RAISING:
        start, stop = tokens.begins[k], tokens.ends[k]
    else:
        return
    who = doc.text[_subject_start(tokens, i - 1) : tokens.ends[i - 1]]
    message = (
        f"「{doc.text[start:stop]}」は動作の向かう先（「{who}」）を高める謙譲語です。"
        f"「{who}」は自分の側の人なので、相手の前では高めず「申し伝える」「相談する」などとします。"
    )
    yield _say(doc, start, stop, message, None)


_GIVING = frozenset({"いただく", "頂く", "くださる", "下さる"})


def _received(tokens: Tokens, k: int, end: int) -> tuple[int, int] | None:
    """確認していただい, ご相談いただき, 教えてくださっ: a favour received, right after に (the
    act: a verb, a サ変 noun + する, or お／ご + noun; then て + いただく, or いただく itself)."""
    j = k
    if tokens.surface(j) in _PREFIXES:
        j += 1
    limit = min(len(tokens), j + 4)
    while j < limit and tokens.begins[j] < end:
        pos, base = tokens.pos(j), tokens.dictionary_form(j)
        if base in _GIVING and j > k:
            before = tokens.surface(j - 1)
            prefixed = tokens.surface(k) in _PREFIXES and j == k + 2
            if before in ("て", "で") or prefixed:
                return tokens.begins[k], tokens.ends[j]
            return None
        if not (
            pos[0] in ("名詞", "動詞")
            or (pos[1] == "接続助詞" and tokens.surface(j) in ("て", "で"))
        ):
            return None
        j += 1
    return None


def _raised_by_reru(tokens: Tokens, particle: int, start: int) -> bool:
    """父が反対され: honorific, not passive — the subject is a third person of one's own side
    (私が評価されました is a passive), and no agent stands before the verb (父が医師に止められ)."""
    if tokens.surface(particle - 1) in _FIRST_PERSON:
        return False
    k = particle + 1
    while k < len(tokens) and tokens.begins[k] < start:
        if tokens.pos(k)[0] == "助詞" and tokens.surface(k) in _AGENT:
            return False
        k += 1
    return True


def _raised_message(
    doc: Document, tokens: Tokens, subject: int, start: int, end: int, word: str
) -> str:
    who = doc.text[_subject_start(tokens, subject) : tokens.ends[subject]]
    plain = word + "し" if word[-1] not in _MIZEN_ANY else word
    return (
        f"「{who}」は自分の側（家族・自社の人）ですが、その動作「{doc.text[start:end]}」に尊敬の"
        f"「れる・られる」が付いています。社外の人には、自分の側の動作を高めずに「{plain}」の"
        "形で言います（父が反対しまして、母が参りました）。"
    )


def _own_message(doc: Document, tokens: Tokens, subject: int, start: int, end: int) -> str:
    who = doc.text[_subject_start(tokens, subject) : tokens.ends[subject]]
    return (
        f"「{who}」は自分の側（自分・自社の人・家族）の呼び方ですが、その動作に尊敬語"
        f"「{doc.text[start:end]}」が使われています。自分の側の動作には謙譲語（申す・参る・"
        "いたす）を使います。相手の側の人なら「様」を付けます。"
    )


def _subject_start(tokens: Tokens, i: int) -> int:
    """Where the subject ending at token i begins (田村 太郎, 佐藤 様)."""
    k = i
    while k > 0 and tokens.pos(k - 1)[0] == "名詞" and tokens.pos(k)[0] in ("名詞", "接尾辞"):
        k -= 1
    return tokens.begins[k]


def _side(tokens: Tokens, i: int) -> str | None:
    """ "own", "reader" or None for the subject that ends at token i."""
    surface, pos = tokens.surface(i), tokens.pos(i)
    if surface in _PERSON_SUFFIXES or surface in _reader_side():
        return "reader"
    before = tokens.text[max(tokens.start, tokens.ends[i] - 4) : tokens.ends[i]]
    if _employer_form_at_end().search(before):
        return "reader"  # 貴行, 御院, 貴庫 (the dictionary reads some as names)
    if surface == "方" and _ROLE_NO.search(
        tokens.text[max(tokens.start, tokens.begins[i] - 7) : tokens.begins[i]]
    ):
        return "reader"  # ご担当の方, 人事の方: 方 (かた) is respectful of a person
    if surface in _own_side():
        if i > 0 and tokens.surface(i - 1) in _PREFIXES:
            return None  # ご家族, お父様 …
        return "own"
    if _after_reader_no(tokens, i):
        return "reader"  # 貴社の藤田部長が: a person of the reader's organisation
    after_own = i > 1 and tokens.surface(i - 1) == "の" and tokens.surface(i - 2) in _FIRST_PERSON
    if after_own and pos[0] == "名詞" and surface not in _PERSON_SUFFIXES:
        return "own"  # 当社の社長が, 私の上司が
    # 田村が / 田村太郎が: a bare surname (no 様) is how one names one's own side.
    surname = pos[3] == "姓" or (pos[3] == "名" and i > 0 and tokens.pos(i - 1)[3] == "姓")
    if pos[0] == "名詞" and pos[1] == "固有名詞" and pos[2] == "人名" and surname:
        return "own"
    return None


def _after_reader_no(tokens: Tokens, i: int) -> bool:
    """Is the noun phrase ending at token i a person named after 貴社の (貴社の藤田部長, 御行の
    ご担当の方)? Not a thing (貴社の資料は拝見しました: 資料 is an object, not a subject)."""
    pos = tokens.pos(i)
    person = tokens.surface(i) in _person_words() or (pos[1] == "固有名詞" and pos[2] == "人名")
    if not person:
        return False
    k = i
    while k > 0 and tokens.pos(k - 1)[0] == "名詞" and tokens.pos(k)[0] in ("名詞", "接尾辞"):
        k -= 1
    if k < 2 or tokens.surface(k - 1) != "の":
        return False
    before = tokens.text[max(tokens.start, tokens.begins[k - 1] - 4) : tokens.begins[k - 1]]
    return bool(_employer_form_at_end().search(before))


def _first_predicate(tokens: Tokens, k: int, end: int) -> tuple[int, int, str, str] | None:
    """The first predicate after a subject: (start, end, respectful|humble|plain, word).

    Stops at another subject (a clause of someone else) and at a comma."""
    while k < len(tokens) and tokens.begins[k] < end:
        surface, pos = tokens.surface(k), tokens.pos(k)
        if surface in ("、", "，", "「") or (pos[0] == "助詞" and surface in _SUBJECT):
            return None
        if surface in _PREFIXES and k + 2 < len(tokens):
            found = _prefixed(tokens, k)
            if found is not None:
                return found
        # ご覧 + に + なる: the dictionary keeps some お／ご nouns whole
        whole = surface[:1] in "おご御" and len(surface) > 1 and k + 2 < len(tokens)
        if whole and tokens.surface(k + 1) == "に" and tokens.dictionary_form(k + 2) == "なる":
            return tokens.begins[k], tokens.ends[k + 2], "respectful", "になる"
        if pos[0] == "副詞" and _adverbial_shitemo(tokens, k):
            k += 4  # どう+し+て+も: an adverb (どうしても), not a predicate
            continue
        raised = _self_act_raised(tokens, k)
        if raised is not None:
            return raised
        if pos[0] == "動詞" or (pos[0] == "名詞" and surface in _humble()):
            return _chain(tokens, k)
        k += 1
    return None


def _adverbial_shitemo(tokens: Tokens, k: int) -> bool:
    return (
        k + 3 < len(tokens)
        and tokens.dictionary_form(k + 1) == "する"
        and tokens.surface(k + 2) == "て"
        and tokens.surface(k + 3) == "も"
    )


def _self_act_raised(tokens: Tokens, k: int) -> tuple[int, int, str, str] | None:
    """反対+さ+れ, 来+られ: a self act with れる・られる straight after it ("raised")."""
    pos = tokens.pos(k)
    if pos[0] == "名詞" and tokens.surface(k) in _self_acts():
        verb = k + 1
        if verb >= len(tokens) or tokens.dictionary_form(verb) not in ("する", "為る"):
            return None
        word = tokens.surface(k)
    elif pos[0] == "動詞" and tokens.dictionary_form(k) in _self_acts():
        verb, word = k, tokens.dictionary_form(k)
    else:
        return None
    if verb + 1 < len(tokens) and tokens.dictionary_form(verb + 1) in _RERU:
        return tokens.begins[k], tokens.ends[verb + 1], "raised", word
    return None


def _prefixed(tokens: Tokens, k: int) -> tuple[int, int, str, str] | None:
    """お／ご + word + になる (respectful) or + する (humble)."""
    after = tokens.dictionary_form(k + 2)
    if tokens.surface(k + 2) == "に" and k + 3 < len(tokens):
        if tokens.dictionary_form(k + 3) == "なる" and tokens.surface(k + 1) not in ("世話",):
            return tokens.begins[k], tokens.ends[k + 3], "respectful", "になる"
        return None
    if after in ("する", "為る") and k + 3 < len(tokens):
        following = tokens.dictionary_form(k + 3) if k + 3 < len(tokens) else ""
        if following not in ("れる", "られる"):
            return tokens.begins[k], tokens.ends[k + 2], "humble", "お〜する"
        # ご逝去される, ご出席される: お／ご〜される is respectful (widely used, 指針 p.36)
        return tokens.begins[k], tokens.ends[k + 3], "respectful", "ご〜される"
    return None


def _chain(tokens: Tokens, k: int) -> tuple[int, int, str, str]:
    """The verb at k with its auxiliaries and bound verbs: 申し+て+おり+ます."""
    last = k
    direction = "plain"
    word = tokens.dictionary_form(k) if tokens.pos(k)[0] == "動詞" else tokens.surface(k)
    j = k
    while j < len(tokens):
        pos, base = tokens.pos(j), tokens.dictionary_form(j)
        surface = tokens.surface(j)
        if j > k and not (
            pos[0] == "助動詞"
            or (pos[1] == "接続助詞" and surface in ("て", "で"))
            or (pos[0] == "動詞" and pos[1] == "非自立可能")
            or (j == k + 1 and base in ("する", "為る"))
        ):
            break
        if base in _respectful():
            direction = "respectful"
        elif direction == "plain" and (base in _humble() or surface in _humble()):
            direction, word = "humble", base if base in _humble() else surface
        elif base in ("れる", "られる") and direction == "humble":
            direction = "plain"  # left to _humble_made_respectful
        last = j
        j += 1
    return tokens.begins[k], tokens.ends[last], direction, word
