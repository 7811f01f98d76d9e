"""Sanctions lists read from their own formats into `ListEntry` records.

Three formats, told apart by content, not only by extension:

- OFAC SDN legacy CSV (`sdn.csv`): no header, 12 quoted columns, `-0-` for
  null; aliases, dates of birth, nationality and citizenship are written into
  the free-text Remarks ("a.k.a. 'X'; DOB 17 Jul 1964; nationality Korea,
  North"), and read from there.
- OFAC SDN XML (`sdn.xml`, `sdnList` / `sdnEntry`): the same list with its
  fields tagged, including the strength of each a.k.a. (weak or strong).
- FollowTheMoney entities, one JSON object per line (what OpenSanctions
  publishes): each line is checked against the followthemoney model;
  `Sanction` entities add their programs to the entity they concern.

Countries are kept as ISO codes (followthemoney's country type reads "Korea,
North" and "kp" alike); an OFAC program tied to one state (DPRK3, IRAN) adds
that state, from `data/sanctions.json`. Only people and organisations are
kept for screening; vessels and aircraft are counted and left out.

A file that cannot be read raises `ConfigError` with the path and the reason;
a line of an FtM file that is not a valid entity is skipped and counted.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from indicia.data import load_json
from indicia.errors import ConfigError
from indicia.records import ListEntry

_NULL = "-0-"
_AKA = re.compile(r"\b[afn]\.k\.a\.,?\s*['‘’\"]([^'‘’\"]+)['‘’\"]", re.IGNORECASE)
_DOB = re.compile(r"\bDOB\s+([^;]+?)(?:;|$)")
_NATION = re.compile(r"\b(?:nationality|citizen)\s+([^;]+?)(?:;|\.$|$)")
_FTM_KEEP = ("Person", "Organization", "Company", "PublicBody", "LegalEntity")


@dataclass
class SanctionsList:
    """One list file: its entries (people and organisations) and what was left out."""

    name: str
    path: str
    entries: list[ListEntry] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count

    def describe(self) -> str:
        left = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return f"{self.name} ({Path(self.path).name}): {len(self.entries)} entries" + (
            f"; left out {left}" if left else ""
        )


def read_list(path: str | Path) -> SanctionsList:
    """Read a sanctions list file in any of the supported formats."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read sanctions list {p}: {exc.strerror or exc}") from exc
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\x1a")
    head = text.lstrip()[:2000]
    if head.startswith("<"):
        result = _read_ofac_xml(p, text)
    elif head.startswith("{") or head.startswith("["):
        result = _read_ftm(p, text)
    elif head.startswith('"') or head[:1].isdigit():
        result = _read_ofac_csv(p, text)
    else:
        raise ConfigError(
            f"{p}: not a sanctions list indicia reads (OFAC SDN CSV or XML, "
            "FollowTheMoney JSON lines)"
        )
    if not result.entries:
        raise ConfigError(f"{p}: no people or organisations found in this list")
    return result


def _null(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value == _NULL else value


@cache
def _program_table() -> list[tuple[str, str]]:
    table: dict[str, str] = load_json("sanctions.json")["program_countries"]
    return sorted(table.items(), key=lambda kv: -len(kv[0]))


def program_country(program: str) -> str | None:
    """The ISO code of the state an OFAC program concerns (DPRK3 -> kp), if one."""
    for prefix, country in _program_table():
        if program.upper().startswith(prefix):
            return country
    return None


@cache
def _country_index() -> dict[str, str]:
    # rigour's own name lookup builds a large fuzzy index on first use (seconds);
    # names, full names and codes are all a list uses
    from rigour.territories import get_territories

    index: dict[str, str] = {}
    for territory in get_territories():
        for name in (territory.name, territory.full_name, territory.code, *territory.codes):
            if name:
                index.setdefault(name.casefold(), territory.code)
    return index


@cache
def country_code(name: str) -> str | None:
    """ISO code for a country name or code as lists write them ("Korea, North", "kp")."""
    index = _country_index()
    text = " ".join(name.split()).casefold().removeprefix("the ")
    if text in index:
        return index[text]
    if "," in text:  # "Korea, North" -> "north korea"
        first, _, rest = text.partition(",")
        return index.get(f"{rest.strip()} {first.strip()}")
    return None


@cache
def country_caption(code: str) -> str:
    from rigour.territories import get_territory

    territory = get_territory(code)
    return territory.name if territory is not None else code


def _countries(programs: tuple[str, ...], names: list[str]) -> tuple[str, ...]:
    codes: list[str] = []
    for name in names:
        code = country_code(name)
        if code and code not in codes:
            codes.append(code)
    for program in programs:
        code = program_country(program)
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)


def _ofac_type(kind: str) -> str:
    kind = kind.strip().casefold()
    if kind == "individual":
        return "person"
    if kind in ("vessel", "aircraft"):
        return kind
    return "organisation"


def _read_ofac_csv(path: Path, text: str) -> SanctionsList:
    result = SanctionsList("OFAC SDN", str(path))
    reader = csv.reader(io.StringIO(text))
    for row_number, row in enumerate(reader, 1):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != 12 or not row[0].strip().isdigit():
            raise ConfigError(
                f"{path}: line {row_number} is not an OFAC SDN CSV record "
                f"(12 columns, the first a number); got {len(row)} columns"
            )
        ent_num, name, kind, program, title = (_null(c) for c in row[:5])
        remarks = _null(row[11])
        entry_type = _ofac_type(kind)
        if entry_type not in ("person", "organisation"):
            result.skipped[f"{entry_type}s"] = result.skipped.get(f"{entry_type}s", 0) + 1
            continue
        programs = tuple(p.strip() for p in re.split(r"\]\s*\[", program) if p.strip())
        aliases = tuple(dict.fromkeys(m.group(1).strip() for m in _AKA.finditer(remarks)))
        births = tuple(m.group(1).strip() for m in _DOB.finditer(remarks))
        nations = [m.group(1).strip() for m in _NATION.finditer(remarks)]
        result.entries.append(
            ListEntry(
                list_name=result.name,
                entry_id=ent_num,
                name=name,
                type=entry_type,
                aliases=aliases,
                programs=programs,
                countries=_countries(programs, nations),
                birth_dates=births,
                remarks="; ".join(x for x in (title, remarks) if x),
            )
        )
    return result


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _ofac_xml_name(element: ET.Element) -> str:
    last, first = _child_text(element, "lastName"), _child_text(element, "firstName")
    return f"{last}, {first}" if last and first else last or first


def _read_ofac_xml(path: Path, text: str) -> SanctionsList:
    result = SanctionsList("OFAC SDN", str(path))
    try:
        # streamed: an entry is read, kept as a record and cleared
        for _, element in ET.iterparse(io.StringIO(text), events=("end",)):
            if _local(element.tag) != "sdnEntry":
                continue
            entry_type = _ofac_type(_child_text(element, "sdnType"))
            if entry_type not in ("person", "organisation"):
                result.skipped[f"{entry_type}s"] = result.skipped.get(f"{entry_type}s", 0) + 1
                element.clear()
                continue
            programs: list[str] = []
            strong: list[str] = []
            weak: list[str] = []
            nations: list[str] = []
            births: list[str] = []
            for node in element.iter():
                tag = _local(node.tag)
                if tag == "program" and node.text:
                    programs.append(node.text.strip())
                elif tag == "aka":
                    alias = _ofac_xml_name(node)
                    if alias:
                        is_weak = _child_text(node, "category").casefold() == "weak"
                        (weak if is_weak else strong).append(alias)
                elif tag in ("nationality", "citizenship"):
                    country = _child_text(node, "country")
                    if country:
                        nations.append(country)
                elif tag == "dateOfBirth" and node.text:
                    births.append(node.text.strip())
            result.entries.append(
                ListEntry(
                    list_name=result.name,
                    entry_id=_child_text(element, "uid"),
                    name=_ofac_xml_name(element),
                    type=entry_type,
                    aliases=tuple(dict.fromkeys(strong)),
                    weak_aliases=tuple(dict.fromkeys(weak)),
                    programs=tuple(programs),
                    countries=_countries(tuple(programs), nations),
                    birth_dates=tuple(births),
                    remarks="; ".join(
                        x
                        for x in (_child_text(element, "title"), _child_text(element, "remarks"))
                        if x
                    ),
                )
            )
            element.clear()
    except ET.ParseError as exc:
        raise ConfigError(f"{path}: not well-formed XML ({exc})") from exc
    return result


def _ftm_lines(text: str) -> Iterator[tuple[int, Any]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"not a JSON array of entities ({exc})") from exc
        yield from enumerate(data, 1)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError:
                yield number, None


def _read_ftm(path: Path, text: str) -> SanctionsList:
    from followthemoney import model
    from followthemoney.exc import InvalidData

    result = SanctionsList("FollowTheMoney", str(path))
    programs: dict[str, list[str]] = {}
    datasets: set[str] = set()
    index: dict[str, int] = {}
    try:
        lines = list(_ftm_lines(text))
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    for _, data in lines:
        if not isinstance(data, dict):
            result.skipped["unreadable lines"] = result.skipped.get("unreadable lines", 0) + 1
            continue
        try:
            proxy = model.get_proxy(data, cleaned=False)
        except (InvalidData, KeyError, TypeError, ValueError):
            result.skipped["invalid entities"] = result.skipped.get("invalid entities", 0) + 1
            continue
        datasets.update(str(d) for d in data.get("datasets", []) if isinstance(d, str))
        schema = proxy.schema
        if schema.name == "Sanction":
            for target in proxy.get("entity"):
                found = [*proxy.get("program"), *proxy.get("programId"), *proxy.get("reason")]
                programs.setdefault(target, []).extend(p for p in found if p)
            continue
        if not any(schema.is_a(name) for name in _FTM_KEEP):
            kind = f"{schema.name} entities"
            result.skipped[kind] = result.skipped.get(kind, 0) + 1
            continue
        names = proxy.get("name")
        if not names or proxy.id is None:
            result.skipped["entities without a name"] = (
                result.skipped.get("entities without a name", 0) + 1
            )
            continue
        nations = [
            *proxy.get("nationality", quiet=True),
            *proxy.get("citizenship", quiet=True),
            *proxy.get("country", quiet=True),
            *proxy.get("jurisdiction", quiet=True),
        ]
        own_programs = tuple(proxy.get("program", quiet=True))
        index[proxy.id] = len(result.entries)
        result.entries.append(
            ListEntry(
                list_name="FollowTheMoney",
                entry_id=proxy.id,
                name=names[0],
                type="person" if schema.is_a("Person") else "organisation",
                aliases=tuple(dict.fromkeys([*names[1:], *proxy.get("alias", quiet=True)])),
                weak_aliases=tuple(proxy.get("weakAlias", quiet=True)),
                programs=own_programs,
                countries=_countries(own_programs, nations),
                birth_dates=tuple(proxy.get("birthDate", quiet=True)),
                remarks="; ".join(proxy.get("notes", quiet=True)),
            )
        )
    for target, found in programs.items():
        if target in index:
            i = index[target]
            entry = result.entries[i]
            merged = tuple(dict.fromkeys([*entry.programs, *found]))
            result.entries[i] = replace(
                entry, programs=merged, countries=_countries(merged, list(entry.countries))
            )
    if datasets:
        result.name = "FollowTheMoney (" + ", ".join(sorted(datasets)) + ")"
        result.entries = [replace(e, list_name=result.name) for e in result.entries]
    return result


__all__ = ["SanctionsList", "country_caption", "country_code", "program_country", "read_list"]
