"""The learned layer for indicators: a linear model over character n-grams, shipped in data/.

One logistic regression per indicator over hashed character 1-4-grams of the
sentence (lower-cased, NFKC), so it reads every script without a word tokenizer and
needs no download. The weights are `data/indicator_model.npz`, built by
`bench/indicator_model.py` from the project's labelled sentences (real sentences
labelled by offset into the shared sets, plus sentences the project wrote) and
measured there with folds grouped by story. `featurize` is the one definition of the
features, used by training and by prediction alike.

When the file is absent or unreadable the cue layer works alone, and
`model_description` says so for the dossier.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import HashingVectorizer

MODEL_FILE = "indicator_model.npz"
N_FEATURES = 2**17
NGRAMS = (1, 4)
log = logging.getLogger(__name__)


@cache
def _vectorizer() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAMS,
        n_features=N_FEATURES,
        alternate_sign=False,
        binary=True,
        norm="l2",
        lowercase=False,
    )


def normalise(sentence: str) -> str:
    return unicodedata.normalize("NFKC", sentence).lower()


def featurize(sentences: Sequence[str]) -> Any:
    """The feature rows of `sentences`, a sparse matrix (the same for training and prediction)."""
    return _vectorizer().transform([normalise(s) for s in sentences])


@dataclass(frozen=True)
class SentenceClassifier:
    codes: tuple[str, ...]
    weights: npt.NDArray[np.float32]  # (codes, features)
    bias: npt.NDArray[np.float32]  # (codes,)
    thresholds: npt.NDArray[np.float32]  # (codes,): the shipped decision threshold
    about: str

    def probabilities(self, sentences: Sequence[str]) -> npt.NDArray[np.float64]:
        """(sentences, codes) probabilities."""
        if not sentences:
            return np.zeros((0, len(self.codes)))
        z = featurize(sentences) @ self.weights.T.astype(np.float64) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def limits(self, threshold: float | None = None) -> npt.NDArray[np.float32]:
        """The decision threshold per code: the shipped ones, or one for all."""
        if threshold is None:
            return self.thresholds
        return np.full(len(self.codes), threshold, dtype=np.float32)

    def predict(self, sentence: str, threshold: float | None = None) -> dict[str, float]:
        """The codes whose probability reaches the threshold, with that probability."""
        probs = self.probabilities([sentence])[0]
        return {
            code: float(p)
            for code, p, t in zip(self.codes, probs, self.limits(threshold), strict=True)
            if p >= t
        }


def save_classifier(path: str, model: SentenceClassifier) -> None:
    np.savez_compressed(
        path,
        codes=np.array(model.codes),
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        thresholds=model.thresholds.astype(np.float32),
        about=np.array(model.about),
        n_features=np.array(N_FEATURES),
    )


@cache
def load_classifier() -> SentenceClassifier | None:
    """The shipped model, or None (with a log line) when it cannot be read."""
    try:
        shipped = resources.files("indicia.data").joinpath(MODEL_FILE)
        with resources.as_file(shipped) as path, np.load(path, allow_pickle=False) as data:
            if int(data["n_features"]) != N_FEATURES:
                log.warning("indicator model was built for other features; cues only")
                return None
            return SentenceClassifier(
                codes=tuple(str(c) for c in data["codes"]),
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                thresholds=data["thresholds"].astype(np.float32),
                about=str(data["about"]),
            )
    except (OSError, KeyError, ValueError) as exc:
        log.warning("indicator model not loaded (%s); cues only", exc)
        return None


def model_description() -> str:
    model = load_classifier()
    if model is None:
        return "no learned layer (model file missing): cue patterns only"
    return model.about


__all__ = [
    "MODEL_FILE",
    "SentenceClassifier",
    "featurize",
    "load_classifier",
    "model_description",
    "save_classifier",
]
