"""Taxonomies and small models shipped with indicia: data, not code.

Stages load what they need through `load_json`, so the ILO indicators, outlet
names and currency table can be reviewed and extended without touching code.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """Parse the JSON file `name` shipped in indicia/data (cached; treat as read-only)."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
