"""A made-up court report and a two-row sanctions list in OFAC's sdn.csv layout, for
the review tests: a store with people, organisations and sanctions candidates."""

from __future__ import annotations

from pathlib import Path

from indicia.pipeline import RunOptions, ingest_paths, process
from indicia.screen import ScreenOptions
from indicia.store import open_store

REPORT = (
    "Northwind Harbour Trading Corporation hired the crews, a court heard on Tuesday.\n\n"
    "Pak Sol Min, who ran the company, kept their passports in a locked office. "
    "The workers said they were paid nothing for four months.\n\n"
    "Marta Ilves, a researcher in Tallinn, said the crews worked 16 hours a day.\n"
)
SDN = (
    '901,"PAK, Sol Min","individual","DPRK2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 02 Feb 1970; nationality Korea, North."\r\n'
    '902,"NORTHWIND HARBOUR TRADING CORPORATION",-0- ,"DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,'
    "-0- ,-0- ,-0- \r\n"
)


def screened_case(folder: Path) -> tuple[Path, RunOptions]:
    """The report processed and screened into a new store in `folder`: (store, options)."""
    (folder / "in").mkdir()
    (folder / "in" / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "sdn.csv").write_text(SDN, encoding="utf-8")
    options = RunOptions(screen=ScreenOptions(lists=(str(folder / "sdn.csv"),)))
    db = folder / "case.db"
    with open_store(db) as store:
        ingest_paths([str(folder / "in")], store, options)
        process(store, options)
    return db, options
