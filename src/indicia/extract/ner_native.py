"""People and organisations in scripts the capitalised-word rules cannot read.

Korean, Japanese and Chinese have no capital letters, and Chinese and Japanese
no spaces; Arabic has no capitals either. Without a model, what survives is
the words around a name, listed per language in `data/entity_languages.json`
(general words only, never a name):

- a role written after a name marks a person: 김민호 위원장, 山田太郎氏,
  李明总统; one written before it in Chinese and Arabic: 总统李明, الرئيس ...;
- an ending marks an organisation or a place: ...부 / ...청 (ko), ...庁 /
  ...委員会 / ...新聞 (ja), ...部 / ...公司 / ...局 (zh); ...시, ...市, ...州
  a place; whole words where the ending would mislead (国務省 is a ministry,
  遼寧省 a province);
- a foreign name written in katakana or Han with a middle dot (イアン・スミス,
  伊恩·史密斯) is a person, or an organisation when one of its words is an
  organisation word (…・プロジェクト);
- a Han or Hangul name followed by its reading in parentheses, 金大中(キム・
  デジュン), 金大中（Kim Dae-jung）, 김대중(Kim Dae-jung): the reading (or the
  gazetteer's entry for it) is kept as the mention's name, so that the
  reconciler meets it with the same name in other scripts.

Korean particles glued to a name (김민호는, 김민호의) are never part of the
mention: a name found once is looked for again in the document as the start of
a word followed by particles only. Every mention is `text[start:end]` exactly.

Cyrillic has capitals: Russian and Ukrainian names go through the capitalised
rules (`ner_rules`), with their organisation cue words in `data/entities.json`.
Places come from `ner_places` (CLDR); this module does not look them up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.data import load_json
from indicia.extract.ner_gazetteer import EntityType, Gazetteer, Taken

_HAN = "\u3400-\u9fff\uf900-\ufaff々"
_KATAKANA = "\u30a1-\u30fa\u30fc\u31f0-\u31ff"
_HANGUL = "\uac00-\ud7a3"
_DOT = "・･·•‧"
_HANGUL_WORD = re.compile(f"[{_HANGUL}]+")
_KATAKANA_NAME = re.compile(f"[{_KATAKANA}]+(?:[{_DOT}][{_KATAKANA}]+)+")
# the Chinese middle dot joins the parts of a foreign name; the Japanese one (・)
# between Han words separates items of a list (中国・大連)
_HAN_DOT_NAME = re.compile(f"[{_HAN}]{{1,6}}(?:[·‧•][{_HAN}]{{1,6}})+")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_MIXED_RUN = re.compile(f"[{_HAN}{_KATAKANA}{_DOT}]+")
_KATAKANA_IN = re.compile(f"[{_KATAKANA}]")
_KATAKANA_RUN = re.compile(f"[{_KATAKANA}{_DOT}]+")
_LATIN_NAME = r"[A-Z][A-Za-z'’\-]*(?:[ \-][A-Z][A-Za-z'’\-]*){0,3}"
_GLOSS = rf"[(（]\s*([{_KATAKANA}{_DOT}]{{2,20}}|{_LATIN_NAME})\s*[)）]"
_READING = re.compile(rf"([{_HAN}]{{2,6}}){_GLOSS}")
_QUOTED_READING = re.compile(rf"[“「『\"]([{_HAN}]{{2,12}})[”」』\"]{_GLOSS}")
_HANGUL_READING = re.compile(rf"(?<![{_HANGUL}])([{_HANGUL}]{{2,15}}){_GLOSS}")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")


@dataclass(frozen=True)
class NativeMention:
    """A mention found by a cue of its language: text[start:end], named `name`."""

    start: int
    end: int
    name: str
    type: EntityType
    cue: str  # role | suffix | word (a listed organisation word) | dotted | reading


@dataclass(frozen=True)
class _Language:
    person_after: tuple[str, ...]
    person_before: tuple[str, ...]
    organisation_suffixes: tuple[tuple[str, int, frozenset[str]], ...]
    place_suffixes: tuple[tuple[str, int, frozenset[str]], ...]
    organisation_words: frozenset[str]
    not_names: frozenset[str]
    not_name_starts: tuple[str, ...]
    leading_not_names: tuple[str, ...]
    particles: tuple[str, ...]
    name_ends_not: tuple[str, ...]
    boundaries: tuple[str, ...]
    surnames: frozenset[str]
    katakana_organisations: tuple[str, ...]
    arabic_person_before: tuple[str, ...]
    arabic_organisation_before: tuple[str, ...]
    arabic_descriptors: tuple[str, ...]  # "the newspaper ...": the name follows, without it
    arabic_stop: frozenset[str]
    clitics: tuple[str, ...]


def _suffixes(entries: Sequence[dict[str, Any]]) -> tuple[tuple[str, int, frozenset[str]], ...]:
    parsed = [(e["suffix"], int(e["min_stem"]), frozenset(e.get("only_with", ()))) for e in entries]
    return tuple(sorted(parsed, key=lambda s: len(s[0]), reverse=True))


def _longest_first(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def _language(lang: str) -> _Language:
    data: dict[str, Any] = load_json("entity_languages.json").get(lang, {})
    return _Language(
        person_after=_longest_first(data.get("person_after", ())),
        person_before=_longest_first(data.get("person_before", ())),
        organisation_suffixes=_suffixes(data.get("organisation_suffixes", ())),
        place_suffixes=_suffixes(data.get("place_suffixes", ())),
        organisation_words=frozenset(data.get("organisation_words", ())),
        not_names=frozenset(data.get("not_names", ())),
        not_name_starts=tuple(data.get("not_name_starts", ())),
        leading_not_names=_longest_first(data.get("leading_not_names", ())),
        particles=_longest_first([*data.get("particles", ()), "들"] if lang == "ko" else ()),
        name_ends_not=_longest_first(data.get("name_ends_not", ())),
        boundaries=_longest_first(data.get("boundaries", ())),
        surnames=frozenset(data.get("surnames", ())),
        katakana_organisations=tuple(data.get("katakana_organisation_words", ())),
        arabic_person_before=_longest_first(data.get("person_before", ()) if lang == "ar" else ()),
        arabic_organisation_before=_longest_first(data.get("organisation_before", ())),
        arabic_descriptors=_longest_first(data.get("organisation_descriptor", ())),
        arabic_stop=frozenset(data.get("stop", ())),
        clitics=tuple(data.get("clitics", ())),
    )


def native_mentions(
    text: str, languages: Sequence[str], gaz: Gazetteer, blocked: Taken
) -> list[NativeMention]:
    """Cued mentions of `languages` in `text`, never overlapping `blocked` or each other."""
    found: list[NativeMention] = []
    kana = re.search("[\u3040-\u30ff]", text) is not None
    if {"ja", "zh", "ko"} & set(languages):
        found.extend(_readings(text, gaz, _language("zh")))
        found.extend(_dotted(text, _language("ja"), _language("zh")))
    if "ko" in languages:
        found.extend(_korean(text, _language("ko")))
    # Japanese cues only where kana says the text is Japanese: 区 or 省 mean other things in Chinese
    if "ja" in languages and kana:
        found.extend(_han(text, "ja", _language("ja")))
    if "zh" in languages and not kana:
        found.extend(_han(text, "zh", _language("zh")))
    if "ar" in languages:
        found.extend(_arabic(text, _language("ar")))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[NativeMention] = []
    for mention in found:
        if mention.end > mention.start and blocked.is_free(mention.start, mention.end):
            kept.append(mention)
            blocked.add(mention.start, mention.end)
    return kept


# ------------------------------------------------------------------ Japanese, Chinese


def _readings(text: str, gaz: Gazetteer, zh: _Language) -> Iterator[NativeMention]:
    """金大中(キム・デジュン), 김대중(Kim Dae-jung): the name, named by its reading.

    The reading says who or what it is: a name the gazetteer knows gives its entry;
    a katakana reading with a middle dot is a person; a Latin one is typed by its
    words (an organisation or place cue word, else two or more name words: a
    person). A reading that says neither (a single unknown word) is left out.
    """
    for pattern in (_READING, _QUOTED_READING, _HANGUL_READING):
        for match in pattern.finditer(text):
            start, end = match.span(1)
            if pattern is _READING:
                # a Chinese run has no spaces: the name starts after a boundary or role word
                run = text[start:end]
                cut = max(
                    (
                        run.rfind(w) + len(w)
                        for w in (*zh.boundaries, *zh.person_before)
                        if w in run
                    ),
                    default=0,
                )
                start += cut
            if end - start < 2:
                continue
            typed = _reading_type(match.group(2).strip(), gaz)
            if typed is not None:
                yield NativeMention(start, end, typed[0], typed[1], "reading")


def _reading_type(reading: str, gaz: Gazetteer) -> tuple[str, EntityType] | None:
    known = gaz.lookup(reading)
    if known is not None:
        return (known.name, known.type) if known.type is not None else None
    if re.fullmatch(f"[{_KATAKANA}{_DOT}]+", reading):
        return (reading, "person") if any(d in reading for d in _DOT) else None
    words = reading.replace("-", " ").split()
    if any(w.rstrip(".") in gaz.organisation_cues for w in words):
        return reading, "organisation"
    if any(w in gaz.place_cues for w in words):
        return reading, "place"
    return (reading, "person") if len(words) >= 2 else None


def _dotted(text: str, ja: _Language, zh: _Language) -> Iterator[NativeMention]:
    for pattern in (_KATAKANA_NAME, _HAN_DOT_NAME):
        for match in pattern.finditer(text):
            surface = match.group()
            if pattern is _HAN_DOT_NAME:
                # the last part runs on into the sentence: cut it at a boundary word (说, 表示)
                last = max(surface.rfind(d) for d in _DOT) + 1
                cut = [surface.find(b, last + 1) for b in zh.boundaries]
                end = min([c for c in cut if c > last] or [len(surface)])
                surface = surface[:end]
            if pattern is _KATAKANA_NAME and (
                match.start() > 0 and re.match(f"[{_KATAKANA}]", text[match.start() - 1])
            ):
                continue
            organisation = any(word in surface for word in ja.katakana_organisations)
            kind: EntityType = "organisation" if organisation else "person"
            start = match.start()
            yield NativeMention(start, start + len(surface), surface, kind, "dotted")


def _han(text: str, lang: str, language: _Language) -> Iterator[NativeMention]:
    """Han names before a role word, and Han runs that end in an organisation or place ending."""
    for run in _HAN_RUN.finditer(text):
        yield from _han_run(text, run.start(), run.end(), lang, language)
    if lang == "ja":
        # a katakana name with a Han ending: アリゾナ州, 新疆ウイグル自治区
        for run in _MIXED_RUN.finditer(text):
            if _KATAKANA_IN.search(run.group()):
                yield from _ending_names(run.group(), run.start(), language, words=False)
    for run in _KATAKANA_RUN.finditer(text):
        surface = run.group()
        # a katakana run ending in an organisation word: ...プロジェクト, ...センター
        if (
            lang == "ja"
            and _DOT[0] not in surface
            and len(surface) >= 6
            and any(
                surface.endswith(w) and len(surface) > len(w) + 1
                for w in language.katakana_organisations
            )
        ):
            yield NativeMention(run.start(), run.end(), surface, "organisation", "suffix")
            continue
        # a katakana name before a role: ジョン・スミス氏, スミス氏
        after = text[run.end() : run.end() + 6]
        role = next((r for r in language.person_after if after.startswith(r)), None)
        if role and lang == "ja" and run.end() - run.start() >= 2:
            surface = text[run.start() : run.end()].strip(_DOT)
            start = run.start() + (len(text[run.start() : run.end()]) - len(surface))
            if not any(w in surface for w in language.katakana_organisations):
                yield NativeMention(start, start + len(surface), surface, "person", "role")


def _han_run(
    text: str, start: int, end: int, lang: str, language: _Language
) -> Iterator[NativeMention]:
    run = text[start:end]
    # a name before a role word inside the run: 山田太郎首相, 李明总统
    for i in range(len(run)):
        role = next((r for r in language.person_after if run.startswith(r, i)), None)
        if role is None or i == 0:
            continue
        name_start = _name_start(run, i, language)
        name = run[name_start:i]
        if (
            2 <= len(name) <= 4
            and not _names_nothing(name, language)
            and not _ends_in_suffix(name, language)
        ):
            yield NativeMention(start + name_start, start + i, name, "person", "role")
    # a Chinese name after a role word: 总统李明表示
    for role in language.person_before:
        for at in _find_all(run, role):
            name_end = _name_end(run, at + len(role), language)
            name = run[at + len(role) : name_end]
            if 2 <= len(name) <= 3 and not _names_nothing(name, language):
                s = start + at + len(role)
                yield NativeMention(s, s + len(name), name, "person", "role")
    # a role ending the run, the name after a space: 本报记者 李明
    role = next((r for r in language.person_before if run.endswith(r)), None)
    following = _HAN_RUN.match(text, end + 1) if role and text[end : end + 1] == " " else None
    if following and 2 <= len(following.group()) <= 3:
        name = following.group()
        if not _names_nothing(name, language):
            yield NativeMention(following.start(), following.end(), name, "person", "role")
    # organisation and place endings: 外務省, 海洋管理協議会, 丹东市
    yield from _ending_names(run, start, language)


def _name_start(run: str, end: int, language: _Language) -> int:
    """Where a Han name ending at run[end] begins: after a boundary word, at most 4 back."""
    start = max(0, end - 4)
    for boundary in (*language.boundaries, "の", "的"):
        at = run.rfind(boundary, start, end)
        if at >= 0:
            start = max(start, at + len(boundary))
    return start


def _name_end(run: str, start: int, language: _Language) -> int:
    end = min(len(run), start + 3)
    for boundary in (*language.boundaries, "的"):
        at = run.find(boundary, start, end)
        if at >= 0:
            end = min(end, at)
    # a Chinese name is followed by a boundary or ends the run; otherwise its end is unknown
    if end == len(run) or any(run.startswith(b, end) for b in (*language.boundaries, "的")):
        return end
    return start


def _ends_in_suffix(name: str, language: _Language) -> bool:
    return any(
        name.endswith(s) for s, _, _ in (*language.organisation_suffixes, *language.place_suffixes)
    )


def _ending_names(
    run: str, start: int, language: _Language, words: bool = True
) -> Iterator[NativeMention]:
    for word in language.organisation_words if words else ():
        for at in _find_all(run, word):
            yield NativeMention(start + at, start + at + len(word), word, "organisation", "word")
    cued: tuple[tuple[EntityType, tuple[tuple[str, int, frozenset[str]], ...]], ...] = (
        ("organisation", language.organisation_suffixes),
        ("place", language.place_suffixes),
    )
    ends = _ends_of_names(run, language)
    for kind, suffixes in cued:
        for suffix, min_stem, only in suffixes:
            for at in _find_all(run, suffix):
                # the name starts where the run does, after a boundary word or after
                # another name's ending (遼寧省丹東市): never at a guessed letter
                begins = [b for b in (0, *ends, *_boundary_ends(run, language)) if b <= at]
                name_start = max(begins)
                lead = next(
                    (w for w in language.leading_not_names if run.startswith(w, name_start)), ""
                )
                name_start += len(lead)
                name = run[name_start : at + len(suffix)]
                if not max(min_stem, 1) <= at - name_start <= 8 or _names_nothing(name, language):
                    continue
                if only and not any(name.endswith(w) for w in only):
                    continue
                if kind == "place" and any(name.endswith(w) for w in language.organisation_words):
                    continue
                end = start + at + len(suffix)
                # a place is named without its ending when enough is left (丹東市 -> 丹東), so
                # that 丹東 and 丹東市 are one place and its sound meets "Dandong"
                if kind == "place" and at - name_start >= 2:
                    name = run[name_start:at]
                yield NativeMention(start + name_start, end, name, kind, "suffix")


def _ends_of_names(run: str, language: _Language) -> list[int]:
    suffixes = (*language.organisation_suffixes, *language.place_suffixes)
    return [at + len(s) for s, _, _ in suffixes for at in _find_all(run, s)]


def _boundary_ends(run: str, language: _Language) -> list[int]:
    return [at + len(b) for b in (*language.boundaries, "の", "的") for at in _find_all(run, b)]


def _names_nothing(name: str, language: _Language) -> bool:
    """A generic phrase ("the authorities", "the government") rather than a name."""
    if name.startswith(language.not_name_starts):
        return True
    return any(name == w or name.endswith(w) for w in language.not_names)


def _find_all(run: str, word: str) -> Iterator[int]:
    at = run.find(word)
    while at >= 0:
        yield at
        at = run.find(word, at + len(word))


# ------------------------------------------------------------------------- Korean


def strip_particles(word: str, particles: Sequence[str]) -> str:
    """A Korean word without the particles glued to its end (김민호는 -> 김민호).

    Only one particle chain is removed and at least two syllables stay, so a
    name that ends in a syllable like a particle (김정은) keeps it unless a
    particle follows it (김정은은 -> 김정은).
    """
    for particle in particles:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def _korean(text: str, ko: _Language) -> Iterator[NativeMention]:
    words = list(_HANGUL_WORD.finditer(text))
    names: dict[str, EntityType] = {}
    for index, word in enumerate(words):
        surface = word.group()
        # organisation and place endings: 국무부, 경찰청, 단둥시 (particles first removed)
        bare = strip_particles(surface, ko.particles)
        ending = _korean_ending(bare, ko)
        if ending is not None and not _names_nothing(bare, ko):
            kind, suffix = ending
            name = bare
            if kind == "place" and len(bare) - len(suffix) >= 2:
                name = bare[: -len(suffix)]  # 단둥시 -> 단둥, as for Han names
            names.setdefault(name, kind)
            yield NativeMention(word.start(), word.start() + len(bare), name, kind, "suffix")
            continue
        # a name before a role word: 김민호 위원장, 도널드 스미스 대통령
        if index + 1 >= len(words) or text[word.end() : words[index + 1].start()] != " ":
            continue
        following = words[index + 1].group()
        role = next((r for r in ko.person_after if following.startswith(r)), None)
        if role is None or not _only_particles(following[len(role) :], ko.particles):
            continue
        if not _korean_name_word(surface, ko):
            continue
        start = word.start()
        if not _native_korean_name(surface, ko) and index > 0:
            previous = words[index - 1]
            if text[previous.end() : word.start()] == " " and _korean_name_word(
                previous.group(), ko
            ):
                start = previous.start()  # a foreign name: given name and family name
        name = text[start : word.end()]
        names.setdefault(name, "person")
        yield NativeMention(start, word.end(), name, "person", "role")
    # the same names elsewhere in the document, with their particles left out
    for name, kind in names.items():
        for match in re.finditer(re.escape(name), text):
            rest = _HANGUL_WORD.match(text, match.end())
            before = text[match.start() - 1 : match.start()]
            if re.match(f"[{_HANGUL}]", before) or not _only_particles(
                rest.group() if rest else "", ko.particles
            ):
                continue
            yield NativeMention(match.start(), match.end(), name, kind, "role")


def _korean_ending(word: str, ko: _Language) -> tuple[EntityType, str] | None:
    cued: tuple[tuple[EntityType, tuple[tuple[str, int, frozenset[str]], ...]], ...] = (
        ("organisation", ko.organisation_suffixes),
        ("place", ko.place_suffixes),
    )
    for kind, suffixes in cued:
        for suffix, min_stem, only in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
                if only and not any(word.endswith(w) for w in only):
                    continue
                return kind, suffix
    return None


def _korean_name_word(word: str, ko: _Language) -> bool:
    return (
        2 <= len(word) <= 6
        and word not in ko.not_names
        and not any(word.endswith(e) for e in ko.name_ends_not)
        and _korean_ending(word, ko) is None
    )


def _native_korean_name(word: str, ko: _Language) -> bool:
    """A Korean name: a family name and one or two syllables, written as one word."""
    return 2 <= len(word) <= 4 and (word[:1] in ko.surnames or word[:2] in ko.surnames)


def _only_particles(rest: str, particles: Sequence[str]) -> bool:
    while rest:
        for particle in particles:
            if rest.startswith(particle):
                rest = rest[len(particle) :]
                break
        else:
            return False
    return True


# ------------------------------------------------------------------------- Arabic


def _arabic(text: str, ar: _Language) -> Iterator[NativeMention]:
    """A person after a title (الرئيس ...), an organisation after its kind (وزارة ...)."""
    words = list(_ARABIC_WORD.finditer(text))
    plain = [_without_clitic(w.group(), ar) for w in words]
    cues: tuple[tuple[EntityType, tuple[str, ...], bool], ...] = (
        ("organisation", ar.arabic_organisation_before, True),
        ("organisation", ar.arabic_descriptors, False),
        ("person", ar.arabic_person_before, False),
    )
    for index in range(len(words)):
        for kind, titles, keep_cue in cues:
            width = _title_at(plain, index, titles)
            if not width:
                continue
            first = index + width
            last = first
            longest = 1 if titles is ar.arabic_descriptors else 3
            # an organisation's name after its kind is definite (وزارة الخارجية, هيئة
            # الإذاعة البريطانية): a word without the article ends it
            definite = kind == "organisation" and keep_cue
            while (
                last < len(words)
                and last - first < longest
                and plain[last] not in ar.arabic_stop
                and (not definite or plain[last].startswith("ال"))
                and re.fullmatch(r"\s+", text[words[last - 1].end() : words[last].start()])
            ):
                last += 1
            if last == first:
                continue
            start = words[index].start() if keep_cue else words[first].start()
            if keep_cue and plain[index] != words[index].group():
                start += len(words[index].group()) - len(plain[index])
            end = words[last - 1].end()
            yield NativeMention(start, end, " ".join(text[start:end].split()), kind, "role")
            break


def _title_at(words: Sequence[str], index: int, titles: Sequence[str]) -> int:
    for title in titles:
        parts = title.split()
        found = [*words[index : index + len(parts)]]
        if found == parts or (found and [_without_article(found[0]), *found[1:]] == parts):
            return len(parts)
    return 0


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _without_clitic(word: str, ar: _Language) -> str:
    if len(word) > 3 and word[0] in ar.clitics and word[1:2] == "ا" and word[2:3] == "ل":
        return word[1:]  # وال..., بال...: a clitic before the article
    return word


__all__ = ["NativeMention", "native_mentions", "strip_particles"]
