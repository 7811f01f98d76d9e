"""Reading sanctions lists in their own formats (fixtures written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indicia.errors import ConfigError
from indicia.screen.lists import country_code, program_country, read_list

# Two invented OFAC-style rows: an organisation, a person with aliases in Remarks,
# and a vessel (left out of screening); CRLF lines and the DOS end-of-file byte.
SDN_CSV = (
    '101,"NORTHWIND HARBOUR TRADING CORPORATION",-0- ,"DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,'
    "-0- ,-0- ,\"a.k.a. 'NORTHWIND TRADING'; Linked To: EXAMPLE BUREAU.\"\r\n"
    '102,"PAK, Sol Min","individual","DPRK2] [DPRK-NKSPEA","Director",-0- ,-0- ,-0- ,-0- ,'
    "-0- ,-0- ,\"DOB 02 Feb 1970; nationality Korea, North; a.k.a. 'PAK, Sol-min'.\"\r\n"
    '103,"SEA LANTERN","vessel","IRAN",-0- ,"XYZ1","Cargo",-0- ,-0- ,"Panama",-0- ,-0- \r\n'
    "\x1a"
)

SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation><Publish_Date>01/02/2024</Publish_Date></publshInformation>
  <sdnEntry>
    <uid>201</uid><lastName>VOLKOVA</lastName><firstName>Irina Petrovna</firstName>
    <sdnType>Individual</sdnType>
    <programList><program>RUSSIA-EO14024</program></programList>
    <akaList>
      <aka><uid>1</uid><type>a.k.a.</type><category>strong</category>
        <lastName>VOLKOVA</lastName><firstName>Iryna</firstName></aka>
      <aka><uid>2</uid><type>a.k.a.</type><category>weak</category>
        <lastName>IRA</lastName></aka>
    </akaList>
    <nationalityList><nationality><uid>3</uid><country>Russia</country></nationality>
    </nationalityList>
    <dateOfBirthList><dateOfBirthItem><uid>4</uid><dateOfBirth>03 Mar 1975</dateOfBirth>
    </dateOfBirthItem></dateOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>202</uid><lastName>GREY GULL</lastName><sdnType>Vessel</sdnType>
  </sdnEntry>
</sdnList>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_ofac_csv_reads_names_aliases_programs_and_countries(tmp_path: Path) -> None:
    result = read_list(_write(tmp_path, "sdn.csv", SDN_CSV))
    assert [e.entry_id for e in result.entries] == ["101", "102"]
    org, person = result.entries
    assert org.type == "organisation" and org.aliases == ("NORTHWIND TRADING",)
    assert org.countries == ("kp",)  # from the DPRK3 program
    assert person.type == "person"
    assert person.programs == ("DPRK2", "DPRK-NKSPEA")
    assert person.aliases == ("PAK, Sol-min",)
    assert person.birth_dates == ("02 Feb 1970",)
    assert person.countries == ("kp",)
    assert result.skipped == {"vessels": 1}
    assert "2 entries" in result.describe()


def test_ofac_xml_reads_weak_aliases_separately(tmp_path: Path) -> None:
    result = read_list(_write(tmp_path, "sdn.xml", SDN_XML))
    (entry,) = result.entries
    assert entry.name == "VOLKOVA, Irina Petrovna"
    assert entry.aliases == ("VOLKOVA, Iryna",)
    assert entry.weak_aliases == ("IRA",)
    assert entry.countries == ("ru",)
    assert entry.birth_dates == ("03 Mar 1975",)
    assert result.skipped == {"vessels": 1}


def test_ftm_lines_join_sanctions_to_their_entities(tmp_path: Path) -> None:
    lines = [
        {
            "id": "p-1",
            "schema": "Person",
            "properties": {
                "name": ["Tomas Ridel"],
                "alias": ["Tomas Riedel"],
                "nationality": ["cz"],
                "birthDate": ["1960-01-05"],
            },
            "datasets": ["example_list"],
        },
        {
            "id": "s-1",
            "schema": "Sanction",
            "properties": {"entity": ["p-1"], "program": ["EXAMPLE-PROGRAM"]},
        },
        {"id": "a-1", "schema": "Address", "properties": {"full": ["1 Example Road"]}},
        {"id": "bad", "schema": "NoSuchSchema", "properties": {}},
    ]
    text = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n"
    result = read_list(_write(tmp_path, "entities.ftm.json", text))
    (entry,) = result.entries
    assert entry.name == "Tomas Ridel" and entry.aliases == ("Tomas Riedel",)
    assert entry.programs == ("EXAMPLE-PROGRAM",)
    assert entry.countries == ("cz",)
    assert entry.list_name == "FollowTheMoney (example_list)"
    assert result.skipped == {
        "Address entities": 1,
        "invalid entities": 1,
        "unreadable lines": 1,
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("just some words\n", "not a sanctions list"),
        ('1,"ONLY TWO"\n', "not an OFAC SDN CSV record"),
        ("<sdnList><sdnEntry>", "not well-formed XML"),
        ('{"id": "a-1", "schema": "Address", "properties": {}}\n', "no people or organisations"),
    ],
)
def test_unreadable_lists_say_why(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(ConfigError, match=reason):
        read_list(_write(tmp_path, "list.txt", text))


def test_missing_list_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read sanctions list"):
        read_list(tmp_path / "absent.csv")


@pytest.mark.parametrize(
    ("written", "code"),
    [("Korea, North", "kp"), ("North Korea", "kp"), ("kp", "kp"), ("Russia", "ru"), ("?", None)],
)
def test_country_names_as_lists_write_them(written: str, code: str | None) -> None:
    assert country_code(written) == code


@pytest.mark.parametrize(
    ("program", "code"),
    [("DPRK3", "kp"), ("DPRK-NKSPEA", "kp"), ("RUSSIA-EO14024", "ru"), ("SDGT", None)],
)
def test_programs_tied_to_a_state(program: str, code: str | None) -> None:
    assert program_country(program) == code
