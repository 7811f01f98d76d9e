"""Who gives a figure: "South Korean intelligence officials told the BBC that ...",
"according to X", "Sergei Shoigu ... verified", "official Russian data, which
indicates that ...".

Rules over one sentence: a reporting verb (from data/attribution.json) and the noun
phrase before it, trimmed to the speaker's name ("Putin's security adviser Sergei
Shoigu" -> "Sergei Shoigu"; "Intelligence sources in South Korea" -> "South Korean
intelligence"). `speaker_for` decides which attribution covers a figure; the caller
may fall back to the previous sentence. Vague speakers ("reports", pronouns) give
no attribution. It does not resolve pronouns or link speakers to entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicia.data import load_json


@dataclass(frozen=True)
class Attribution:
    speaker: str
    start: int  # the speaker phrase, offsets into the document text
    end: int
    verb_end: int  # where the reported content can begin
    according_to: bool = False


@cache
def _words() -> dict[str, object]:
    return load_json("attribution.json")  # type: ignore[no-any-return]


def _set(name: str) -> frozenset[str]:
    return frozenset(str(w) for w in _words()[name])  # type: ignore[attr-defined]


@cache
def _verb_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(_set("verbs"), key=len, reverse=True))
    aux = "|".join(sorted(_set("auxiliaries"), key=len, reverse=True))
    return re.compile(rf"(?:\s+(?:{aux}))*\s+(?P<verb>{verbs})\b")


_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,.;:()]+)", re.IGNORECASE)
_CLAUSE_CUT = re.compile(
    r"[,;:(–—]|\b(?:that|while|but|and|as|where|when|with|despite|after|before|because|if|"
    r"since|although|though|so)\b",
    re.IGNORECASE,
)
_PASSIVE = frozenset(("is", "are", "was", "were", "be", "being", "been"))
_PREPOSITION_CUT = re.compile(r".*\b(?:by|from|of|in|to|with)\s+", re.IGNORECASE)
_NAME_AT_END = re.compile(r"((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)$")
_PREPOSITIONS = frozenset(("in", "from", "of", "at", "by", "to", "for", "with", "on"))
_RELATIVE = re.compile(r"\s+(?:who|which|whose)\b.*$", re.IGNORECASE)
_ACCOUNTS_OF = re.compile(
    r"^(?:the\s+)?(?:accounts|testimon\w+|statements|interviews|stories)\s+(?:from|of|by)\s+(.+)$",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(
    r"^(?P<head>.+?)\s+(?:sources|officials|agencies|services)\s+(?:in|from)\s+(?P<place>.+)$",
    re.IGNORECASE,
)


_OTHER_ARTICLE = re.compile(
    r"^(?:(?:der|die|das|dem|den|des|le|la|les|el|los|las|lo|o|os|as|il|gli|i)\s+|[ld]['’])",
    re.IGNORECASE,
)


@cache
def _according_other() -> tuple[re.Pattern[str], ...]:
    table: dict[str, object] = _words()["according_to"]  # type: ignore[assignment]
    return tuple(
        re.compile(pattern, re.IGNORECASE)
        for language, patterns in table.items()
        if not language.startswith("_")
        for pattern in patterns  # type: ignore[attr-defined]
    )


# "23일(현지시간) 뉴욕타임스에 따르면": the day written before a source is not part of it
_LEADING_DATE = re.compile(
    r"^(?:[0-9０-９]{1,4}\s*[年月日년월일](?:\s*[(（][^()（）]{1,10}[)）])?\s*)+"
)
# "中国政府2022年…发布的数据": in a script without spaces, a source ends where a date
# or figure begins
_DIGIT = re.compile(r"[0-9０-９]")


def _other_language_sources(text: str, start: int, end: int) -> list[Attribution]:
    """ "laut Amnesty International", "selon l'ONG", "据美国国务院估计", "ASPI에 따르면"."""
    found = []
    vague = _set("vague_other")
    for pattern in _according_other():
        for match in pattern.finditer(text, start, end):
            np = match.group("np").strip(" '’\"")
            np = _LEADING_DATE.sub("", np)
            np = _OTHER_ARTICLE.sub("", np)
            if np and not any(c.isupper() or c.islower() for c in np):
                np = _DIGIT.split(np)[0].strip()
            words = np.split()
            if not words or np.lower() in vague or words[-1].lower() in vague:
                continue
            caseless = not any(c.isupper() or c.islower() for c in np)
            named = caseless or any(w[:1].isupper() for w in words) or np.isupper()
            if not named or len(words) > 8:
                continue
            s = match.start("np") + match.group("np").find(np[:1])
            found.append(Attribution(np, s, s + len(np), match.start(), according_to=True))
    return found


def find_attributions(text: str, start: int, end: int) -> list[Attribution]:
    """Attributions in the sentence text[start:end], in order."""
    found: list[Attribution] = _other_language_sources(text, start, end)
    sentence = text[start:end]
    for match in _ACCORDING.finditer(sentence):
        speaker = normalise_speaker(match.group("np"), sentence_initial=False, strict=False)
        if speaker:
            found.append(
                Attribution(
                    speaker,
                    start + match.start("np"),
                    start + match.end("np"),
                    start + match.start(),
                    according_to=True,
                )
            )
    for match in _verb_pattern().finditer(sentence):
        head = sentence[: match.start()]
        last = head.split()[-1:]
        if last and (last[0].lower() in _set("determiners") or last[0].lower() == "to"):
            continue  # "according to the report", "to report": a noun or an infinitive
        # "The defectors, who were able to speak out, said": the subject is before ", who"
        # (the clause may hold commas of its own: "which names A, B, and C for them,")
        relative = re.search(r",\s+(?:who|which|whose)\b.*,\s*$", head, re.DOTALL)
        if relative:
            head = head[: relative.start()]
        if head.rstrip().endswith(", which") or head.rstrip().endswith(", that"):
            phrase_start = _which_subject(head)
        else:
            phrase_start = _subject_start(head)
        if phrase_start is None:
            continue
        phrase = head[phrase_start:]
        # a lone capitalised word before an appositive is a name ("Jin, one escapee, said")
        lone_name = bool(re.fullmatch(r"\s*[A-Z][a-z]+,.*", phrase, re.DOTALL))
        speaker = normalise_speaker(
            phrase, sentence_initial=phrase_start == 0 and not lone_name, strict=not lone_name
        )
        if speaker:
            lead = len(phrase) - len(phrase.lstrip())
            core = re.split(r",|\s+(?:who|which|whose)\b", phrase.strip())[0]
            s = start + phrase_start + lead
            found.append(Attribution(speaker, s, s + len(core), start + match.end()))
    return sorted(found, key=lambda a: a.start)


def _subject_start(head: str) -> int | None:
    """Where the subject noun phrase before a verb begins, stepping over appositives
    ("Sergei Shoigu, a senior official, said") and relative clauses."""
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(head)]
    # walk back over chunks that cannot be a subject (empty, appositive, relative clause)
    for cut in reversed(cuts):
        chunk = head[cut:].strip()
        if not chunk:
            continue
        first = chunk.split()[0].lower()
        if first in ("who", "which", "whose"):
            continue
        # "Jin, a former miner, said": an appositive follows a comma; "where a guard
        # warned" is a subject after a clause word
        if first in ("a", "an") and cut > 0 and head[:cut].rstrip().endswith(","):
            continue
        if cut > 0 and _CLAUSE_CUT.match(chunk):
            continue
        # an appositive between commas: "Jin, one escapee, recounted"
        if cut > 0 and chunk.endswith(",") and first in ("one", "the", "another", "his", "her"):
            continue
        if _only_auxiliaries(chunk):
            continue
        if cut == 0 and _CLAUSE_CUT.match(chunk):
            return None  # "With an estimated ...": no subject before the verb
        return cut
    return None


def _only_auxiliaries(chunk: str) -> bool:
    aux = _set("auxiliaries")
    return all(w.lower() in aux for w in chunk.split())


def _which_subject(head: str) -> int | None:
    """ "X is backed by official data, which indicates": the noun phrase before ", which"."""
    body = head.rstrip()
    body = body[: body.rfind(",")]
    prefix = _PREPOSITION_CUT.match(body)
    cut = prefix.end() if prefix else 0
    clause = max([0] + [m.end() for m in _CLAUSE_CUT.finditer(body)])
    return max(cut, clause)


# A citation marker ("[12]", "50)", "3.") or a dateline ("3 March 2024 - ",
# "LONDON (Reuters) - ") in front of a subject is not part of it.
_LEADING_MARK = re.compile(r"^\s*(?:\[\d{1,3}\]|\(?\d{1,3}\)|\d{1,3}\.(?!\d))\s*")
_DATELINE = re.compile(r"^(?P<line>[^.;:]{1,60}?)\s+[-–—]{1,2}\s+(?=\S)")


def _strip_marks(phrase: str) -> str:
    phrase = _LEADING_MARK.sub("", phrase)
    dateline = _DATELINE.match(phrase)
    if dateline:
        line = dateline.group("line")
        if re.search(r"\d", line) or line.isupper() or line.rstrip().endswith(")"):
            phrase = phrase[dateline.end() :]
    return phrase


def normalise_speaker(phrase: str, *, sentence_initial: bool, strict: bool = True) -> str | None:
    """A short speaker name from a noun phrase, or None when it names nobody."""
    phrase = _strip_marks(phrase)
    phrase = re.split(r",\s*(?:who|which|whose|a|an|one|the|another|his|her)\b", phrase)[0]
    phrase = _RELATIVE.sub("", phrase).strip(" ,'\"“”‘’")
    phrase = re.sub(r"\s+", " ", phrase)
    if not phrase:
        return None
    # "accounts from workers", "testimony of survivors": the speakers are the latter
    source = _ACCOUNTS_OF.match(phrase)
    if source:
        phrase = source.group(1)
    place = _IN_PLACE.match(phrase)
    if place and _demonym(place.group("place")):
        phrase = f"{_demonym(place.group('place'))} {place.group('head').lower()}"
        sentence_initial = False
    # "Putin's security adviser Sergei Shoigu" -> the name at the end
    name = _NAME_AT_END.search(phrase)
    if name and name.start() > 0:
        before = phrase[: name.start()].split()
        if before and before[-1].islower() and before[-1] not in _PREPOSITIONS:
            phrase = name.group(1)
    words = phrase.split()
    # "Another man", "One worker", "some workers": a subject nobody can cite
    if (
        words
        and words[0].lower() in _set("indefinite")
        and not any(w[:1].isupper() for w in words[1:])
    ):
        return None
    determiners = _set("determiners")
    while words and words[0].lower() in determiners:
        words = words[1:]
        sentence_initial = False
    if words and sentence_initial and words[0].lower() in _set("common_heads"):
        words[0] = words[0].lower()
    phrase = " ".join(words)
    roles = _set("role_words")
    words = phrase.split()
    with_role = len(words) > 1 and words[-1].lower() in roles  # "US officials"
    while len(words) > 1 and words[-1].lower() in roles:
        words = words[:-1]
    phrase = " ".join(words)
    if not phrase or len(words) > 8 or phrase.lower() in _set("vacuous"):
        return None
    if any(w.lower() in _PASSIVE for w in words):
        return None  # "a rise ... is being reported": no speaker named
    # a speaker names someone (a capitalised name) or is a known kind of source
    named = (
        any(w[:1].isupper() for w in words[1:])
        or (words[0][:1].isupper() and (len(words) > 1 or not sentence_initial))
        or (len(words[0]) > 1 and words[0].isupper())  # an acronym: "UN", "ILO"
    )
    if strict and not named and words[-1].lower() not in _set("common_heads"):
        return None
    generic = words[-1].lower() not in _set("common_heads")
    if named and generic and not with_role and _only_demonyms(words):
        return None  # "The British portal": a nationality names no one
    if words[0].lower() in ("recent", "media", "news", "earlier") and words[-1].lower() in (
        "reports",
        "report",
    ):
        return None
    return phrase


def _only_demonyms(words: list[str]) -> bool:
    """Whether every capitalised word of a speaker is a nationality ("British", "South
    Korean"), so that only its common noun is left to name it."""
    demonyms: dict[str, str] = _words()["demonyms"]  # type: ignore[assignment]
    nationality = {w for value in demonyms.values() for w in value.split()}
    capitalised = [w for w in words if w[:1].isupper()]
    return bool(capitalised) and all(w in nationality for w in capitalised)


def _demonym(place: str) -> str | None:
    demonyms: dict[str, str] = _words()["demonyms"]  # type: ignore[assignment]
    return demonyms.get(place.strip().lower())


def speaker_for(
    attributions: list[Attribution], start: int, end: int, sentence_end: int
) -> str | None:
    """The attribution in one sentence that covers the figure at [start, end): an
    "according to", the nearest reporting verb before it, or a closing "..., X said"."""
    for attribution in attributions:
        if attribution.according_to:
            return attribution.speaker
    before = [a for a in attributions if a.verb_end <= start]
    if before:
        return before[-1].speaker
    for attribution in attributions:
        if attribution.start >= end and sentence_end - attribution.verb_end <= 16:
            return attribution.speaker
    return None
