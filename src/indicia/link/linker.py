"""The link stage's driver: each new document, in ingest order, through five steps.

1. identical text (a hash of the whitespace-normalised text): a copy, at no cost;
2. too short (under `LinkOptions.min_words` words): set aside with a note;
3. near-duplicate (`minhash.py`): MinHash-LSH candidates verified by estimated
   Jaccard; a copy joins its original's story and says so in `duplicate_of`.
   Then, if not English, set aside with a note (copies are found in any language);
4. story (`cluster.py`): the closest story centroid by words, else by anchors
   (`anchors.py`) when what the two share could join two documents
   (`regroup.firm`: three anchors, one of them a large figure, a date or a name),
   or a new story; a story that comes to share firm anchors with another merges;
5. alignment (`align.py`) with a bounded number of the story's documents and of
   the nearest shingle neighbours: finds rewrites and truncated or reordered
   copies; a document that mostly retells another joins that one's story even
   when its words drifted too far for the centroid. Sentences are compared by
   character n-grams, or by sentence embeddings when `LinkOptions.aligner`
   resolves to "embedding" (see `resolve_aligner`); the state records which.

Before steps 4 and 5 a page's site template (`templates.py`: words found on
most earlier pages of its web domain) is blanked out of what it is compared by.
After all documents, `split.py` checks each story document against document with
the word and anchor frequencies of everything seen (what a publisher's series says
on every page then weighs little) and splits off the documents of one language that
agree too little with the rest; then `regroup.py` joins stories whose documents
share enough translation-invariant anchors (both by average linkage, recomputed
every call). Then, for
every story, `graph.py` turns publishers and credits (`provenance.py`) and the
alignments into derived-from edges and origins.

The state returned holds what the next run needs to go on without redoing old
documents: per document its story, copy and alignments, the text hashes, the LSH
buckets and the story centroids. A document's provenance and the anchors of its
whole text read that document alone: the pipeline finds them once per document
(`link.document_features`, on every core) and keeps them with the cleaned text
whose offsets they index; what the caller does not give is found here. Documents in the state but
not in this call are left out of the result and never compared with.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from indicia.link import LinkOptions, resolve_aligner
from indicia.link.align import SentenceMatrix, align, is_copy, is_rewrite, vectorise
from indicia.link.anchors import anchors, describe, slug_words
from indicia.link.cluster import StoryIndex, story_id_for
from indicia.link.graph import AlignmentEdge, DocumentNode, build_graph
from indicia.link.minhash import (
    COPY_JACCARD,
    NEIGHBOUR_JACCARD,
    LSHIndex,
    band_keys,
    jaccard,
    signature,
)
from indicia.link.provenance import (
    Provenance,
    find_provenance,
    outlet_for_url,
    relay_ranks,
    unknown_outlet_label,
)
from indicia.link.regroup import Merge, firm, regroup
from indicia.link.split import RETOLD, Split, split_stories
from indicia.link.templates import SiteWords, batch_templates, strip
from indicia.link.text import dominant_script, sentences, story_terms, words
from indicia.records import (
    CleanDocument,
    DocumentLink,
    LinkFeatures,
    LinkResult,
    SourceDocument,
    Story,
)

log = logging.getLogger(__name__)

STATE_VERSION = 2  # 2: per-site template counts (link/templates.py)
# Below this share of English stop words a text is not English (English prose: about 0.4).
ENGLISH_MIN_SHARE = 0.15
# Share of a document's words found in another that makes it join that one's story.
PULL_COVERAGE = 0.5
# Anchors weigh by idf to this power: a rare figure says more than a common name.
ANCHOR_IDF_POWER = 1.0
# Sentence matrices kept in memory at once; older ones are rebuilt from text if needed.
_SENTENCE_CACHE = 2_000


@dataclass
class _Corpus:
    """This call's documents by id, with per-call caches of derived features."""

    sources: dict[str, SourceDocument]
    cleaned: dict[str, CleanDocument]
    _tokens: dict[str, list[str]]
    _signatures: dict[str, list[int]]
    _sentences: dict[str, SentenceMatrix]
    aligner: str = "ngram"  # "ngram" or "embedding", already resolved
    # Each document's text with its site's template words blanked out (templates.py).
    linking: dict[str, str] = dataclasses.field(default_factory=dict)

    def text(self, doc: str) -> str:
        """The text a document is compared by: its site's template words blanked out."""
        return self.linking.get(doc, self.cleaned[doc].text)

    def tokens(self, doc: str) -> list[str]:
        if doc not in self._tokens:
            self._tokens[doc] = words(self.cleaned[doc].text)
        return self._tokens[doc]

    def signature(self, doc: str) -> list[int]:
        found = self._signatures.get(doc)
        if found is None:
            if len(self._signatures) >= _SENTENCE_CACHE * 10:
                self._signatures.clear()
            found = self._signatures[doc] = signature(self.tokens(doc))
        return found

    def sentence_matrix(self, doc: str) -> SentenceMatrix:
        found = self._sentences.pop(doc, None)
        if found is None:
            clean = self.cleaned[doc]
            found = vectorise(sentences(self.text(doc), language=clean.language), self.aligner)
            if len(self._sentences) >= _SENTENCE_CACHE:
                # Least recently used first: dicts keep insertion order.
                del self._sentences[next(iter(self._sentences))]
        self._sentences[doc] = found
        return found

    def forget(self, doc: str) -> None:
        """Drop cached features of a document no later one is likely to need again."""
        self._tokens.pop(doc, None)


class _Linker:
    def __init__(self, state: dict[str, Any] | None, options: LinkOptions) -> None:
        settings = dataclasses.asdict(options)
        # The aligner that ran, not "auto": installing the extra changes the decisions.
        settings["aligner"] = resolve_aligner(options.aligner)
        usable = (
            state
            if state
            and state.get("version") == STATE_VERSION
            # States written before the aligner option were written by the n-gram one.
            and {"aligner": "ngram", **state.get("options", settings)} == settings
            else {}
        )
        if state and not usable:
            # Decisions taken under other settings would not match a batch run under these.
            log.warning("link state from another version or settings ignored; relinking all")
        self.options = options
        self.aligner = settings["aligner"]
        self._settings = settings
        self.documents: dict[str, dict[str, Any]] = dict(usable.get("documents", {}))
        self.lsh = LSHIndex.from_state(usable.get("lsh"))
        # Hash of the exact text -> first document with it: identical copies cost nothing.
        self.exact: dict[str, str] = dict(usable.get("exact", {}))
        self.stories = StoryIndex.from_state(usable.get("stories"))
        self.anchors = StoryIndex.from_state(
            usable.get("anchors"), binary=True, idf_power=ANCHOR_IDF_POWER
        )
        self.sites = SiteWords.from_state(usable.get("sites"))
        self.members: dict[str, list[str]] = {}
        self._provenance_cache: dict[tuple[object, ...], Provenance] = {}
        for doc, record in sorted(self.documents.items(), key=lambda kv: kv[1]["order"]):
            self.members.setdefault(record["story"], []).append(doc)

    # ------------------------------------------------------------ adding

    def add(self, doc: str, corpus: _Corpus) -> None:
        record: dict[str, Any] = {"order": len(self.documents), "aligned": {}}
        self.documents[doc] = record
        site = _domain(corpus.sources[doc].url)
        template = self.sites.template(site)
        slug = slug_words(corpus.sources[doc].url)
        self.sites.observe(site, corpus.cleaned[doc].text, (k[1:] for k in slug))
        if template:
            corpus.linking[doc] = strip(corpus.cleaned[doc].text, template)
        fingerprint = _fingerprint(corpus.cleaned[doc].text)
        same = self.exact.get(fingerprint)
        if same and same in corpus.cleaned:
            record.update(story=self.documents[same]["story"], copy=[same, 1.0], copy_by="exact")
            self._join(doc, record["story"])
            return
        self.exact.setdefault(fingerprint, doc)
        tokens = corpus.tokens(doc)
        if len(tokens) < self.options.min_words:
            record.update(story=story_id_for(doc), skipped="short", words=len(tokens))
            self._join(doc, record["story"])
            return
        keys = band_keys(corpus.signature(doc))
        original, score, similar = self._near_duplicate(doc, keys, corpus)
        if original:
            record.update(story=self.documents[original]["story"], copy=[original, score])
            self._join(doc, record["story"])
            return
        text = corpus.text(doc)
        if template:
            tokens = words(text)
        terms = story_terms(text, tokens, corpus.cleaned[doc].language)
        vector = self.stories.vector(terms)
        scored = self.stories.similarities(vector)
        story = scored[0][0] if scored and scored[0][1] >= self.options.join_cosine else None
        # Slug words are the site's too: those of its template say nothing.
        keys_a = anchors(text) + [k for k in slug if k[1:] not in template]
        anchor_vector = self.anchors.vector(keys_a)
        if story:
            record["joined"] = ["text", round(scored[0][1], 3), []]
        else:
            # The closest story by anchors, if what they share could join two documents
            # (regroup.firm): two small figures and a name do not make one report.
            found = next(
                (
                    (s, w)
                    for s, w in self.anchors.similarities(anchor_vector)
                    if w >= self.options.anchor_cosine
                    and firm(_shared(anchor_vector, self.anchors.centroids[s], None), names=True)
                ),
                None,
            )
            if found:
                story = found[0]
                record["joined"] = [
                    "anchors",
                    round(found[1], 3),
                    _shared(anchor_vector, self.anchors.centroids[story]),
                ]
        pool = [story] if story else [s for s, w in scored[:2] if w >= self.options.align_cosine]
        partners = [d for d in self._alignment_partners(pool) if d in corpus.cleaned]
        # A shingle neighbour just under the copy threshold (a heavy rewrite, a truncation)
        # is aligned even when its story is not the closest one.
        partners += [d for d in similar if d not in partners]
        for other in partners:
            result = align(corpus.sentence_matrix(doc), corpus.sentence_matrix(other))
            if result.matched == 0 and result.matched_b == 0:
                continue
            if is_copy(result.copied_a):
                score = round(result.copied_a, 3)
                record.update(story=self.documents[other]["story"], copy=[other, score])
                record["copy_by"] = "alignment"
                self._join(doc, record["story"])
                return
            record["aligned"][other] = [result.matched, round(result.coverage_a, 3)]
            self.documents[other]["aligned"][doc] = [
                result.matched_b,
                round(result.coverage_b, 3),
            ]
            # Only a document that mostly retells another joins its story on alignment
            # alone; the looser rewrite rule let different events of one kind merge
            # (ECB+ dev ARI 0.79 instead of 0.88 at the same join threshold).
            if story is None and result.coverage_a >= PULL_COVERAGE:
                story = self.documents[other]["story"]
        story = story or story_id_for(doc)
        record["story"] = story
        self.stories.add(story, vector)
        self.stories.observe(terms)
        self.anchors.add(story, anchor_vector)
        self.anchors.observe(keys_a)
        self.lsh.add(doc, keys)
        self._join(doc, story)
        self._merge_stories(story)

    def _merge_stories(self, story: str) -> None:
        """Fold `story` into an older story whose anchors it now shares, or the reverse.

        Each language's copies of a report may start a story of their own before a
        document bridges them; when a story's anchors (figures, years, Latin-script
        names) come to match another story's, the two are one report.
        """
        while True:
            query = self.anchors.centroid_vector(story)
            best = next(
                (
                    (s, w)
                    for s, w in self.anchors.similarities(query)
                    if s != story
                    and firm(_shared(query, self.anchors.centroids[s], None), names=True)
                ),
                None,
            )
            if best is None or best[1] < self.options.merge_cosine:
                return
            other = best[0]
            older, newer = sorted((story, other), key=self.anchors.order.__getitem__)
            self.stories.merge(newer, older)
            self.anchors.merge(newer, older)
            moved = self.members.pop(newer, [])
            shared = _shared(self.anchors.centroid_vector(older), dict.fromkeys(query, 1.0))
            for doc in moved:
                self.documents[doc]["story"] = older
                self.documents[doc].setdefault("merged", [round(best[1], 3), shared])
            self.members.setdefault(older, []).extend(moved)
            self.members[older].sort(key=lambda d: self.documents[d]["order"])
            story = older

    def _near_duplicate(
        self, doc: str, keys: list[str], corpus: _Corpus
    ) -> tuple[str | None, float, list[str]]:
        """The copy's original with its Jaccard, else None and the nearest neighbours."""
        own = corpus.signature(doc)
        similar: list[str] = []
        for candidate in self.lsh.candidates(keys)[: self.options.max_aligned]:
            if candidate not in corpus.cleaned:
                continue
            score = jaccard(own, corpus.signature(candidate))
            if score >= COPY_JACCARD:
                return candidate, round(score, 3), []
            if score >= NEIGHBOUR_JACCARD and len(similar) < 3:
                similar.append(candidate)
        return None, 0.0, similar

    def _alignment_partners(self, stories: list[str]) -> list[str]:
        """Up to `max_aligned` documents of `stories`: the first and the latest ones."""
        limit = self.options.max_aligned
        out: list[str] = []
        for story in stories:
            usable = [
                d
                for d in self.members.get(story, [])
                if "copy" not in self.documents[d] and "skipped" not in self.documents[d]
            ]
            if len(usable) > limit:
                usable = usable[: limit // 2] + usable[-(limit - limit // 2) :]
            out.extend(usable)
        return out[: limit * 2]

    def _join(self, doc: str, story: str) -> None:
        self.members.setdefault(story, []).append(doc)

    # ----------------------------------------------------------- results

    def result(
        self, corpus: _Corpus, order: list[str], given: Mapping[str, LinkFeatures]
    ) -> LinkResult:
        present = [d for d in order if d in self.documents]
        provenance = {
            d: given[d].provenance if d in given else self._provenance(d, corpus) for d in present
        }
        links: dict[str, DocumentLink] = {}
        stories: list[Story] = []
        sites: dict[str, list[str]] = {}
        for d in present:
            sites.setdefault(_domain(corpus.sources[d].url) or "", []).append(d)
        sites.pop("", None)
        texts = {d: corpus.cleaned[d].text for d in present}
        template = batch_templates(sites, texts)
        # The anchors of a document's whole text were kept with its features; those the
        # call reads (a document not given, a page its site's template blanks) are read
        # once per text, so a copy with its original's text costs nothing.
        read: dict[str, frozenset[str]] = {}

        def text_anchors(text: str) -> frozenset[str]:
            if text not in read:
                read[text] = frozenset(anchors(text))
            return read[text]

        whole = {
            d: frozenset(given[d].anchors) if d in given else text_anchors(texts[d])
            for d in present
        }
        found = {
            d: text_anchors(strip(texts[d], template[d])) if template.get(d) else whole[d]
            for d in present
        }
        linking = {
            d: strip(texts[d], template[d]) if template.get(d) else texts[d] for d in present
        }
        by_story, regrouped, split = self._regroup(present, found, linking, corpus)
        for story_id, docs in by_story.items():
            nodes = [self._node(d, provenance[d], corpus, whole[d]) for d in docs]
            graph = build_graph(nodes)
            for doc in docs:
                record = self.documents[doc]
                publisher = provenance[doc].publisher
                links[doc] = DocumentLink(
                    document_id=doc,
                    story_id=story_id,
                    outlet=publisher.outlet if publisher else _domain(corpus.sources[doc].url),
                    derived_from=graph.derivations.get(doc, ()),
                    duplicate_of=record["copy"][0] if "copy" in record else None,
                    joined_by=joined_by(record, regrouped.get(doc), split.get(doc)),
                )
            stories.append(
                Story(
                    id=story_id,
                    title=_title(corpus, docs[0]),
                    documents=tuple(docs),
                    origins=graph.origins,
                    independent_sources=len(graph.origins),
                )
            )
        return LinkResult(
            documents=tuple(links[d] for d in present),
            stories=tuple(stories),
            notes=self._notes(present, corpus),
        )

    def _regroup(
        self,
        present: list[str],
        found: dict[str, frozenset[str]],
        linking: dict[str, str],
        corpus: _Corpus,
    ) -> tuple[dict[str, list[str]], dict[str, Merge], dict[str, Split]]:
        """This call's stories after `split.split_stories` and `regroup.regroup`,
        documents in ingest order; for each document whose story was folded into
        another, the merge that did it, and for each one split out of its story, how."""
        first: dict[str, list[str]] = {}
        for doc in sorted(present, key=lambda d: self.documents[d]["order"]):
            first.setdefault(self.documents[doc]["story"], []).append(doc)
        first, splits = self._split(first, found, linking, corpus)
        # Short documents were not linked: they stay stories of their own.
        linked = {d: found[d] for d in present if self.documents[d].get("skipped") != "short"}
        final, merges = regroup(first, linked)
        by_merged = {m.merged: m for m in merges}
        by_story: dict[str, list[str]] = {}
        regrouped: dict[str, Merge] = {}
        split: dict[str, Split] = {}
        for story, docs in first.items():
            by_story.setdefault(final[story], []).extend(docs)
            if story in by_merged:
                regrouped.update(dict.fromkeys(docs, by_merged[story]))
            if story in splits:
                split.update(dict.fromkeys(docs, splits[story]))
        for docs in by_story.values():
            docs.sort(key=lambda d: self.documents[d]["order"])
        return by_story, regrouped, split

    def _split(
        self,
        stories: dict[str, list[str]],
        found: dict[str, frozenset[str]],
        linking: dict[str, str],
        corpus: _Corpus,
    ) -> tuple[dict[str, list[str]], dict[str, Split]]:
        """`split.split_stories` over `stories`, documents compared by the words of
        `linking` and the anchors of `found`, weighed by every document seen so far."""
        units = {d: self.documents[d]["copy"][0] for d in found if "copy" in self.documents[d]}
        for doc, original in list(units.items()):
            while original in units:  # a copy of a copy goes with the first original
                original = units[original]
            units[doc] = original
        languages = {d: corpus.cleaned[d].language for d in found}
        words_of: dict[str, dict[str, float]] = {}
        anchors_of: dict[str, dict[str, float]] = {}

        def vectors(doc: str) -> tuple[dict[str, float], dict[str, float]]:
            if doc not in words_of:
                terms = story_terms(linking[doc], None, languages[doc])
                words_of[doc] = self.stories.vector(terms)
                anchors_of[doc] = self.anchors.vector(list(found[doc]))
            return words_of[doc], anchors_of[doc]

        def similarity(a: str, b: str) -> float:
            for one, other in ((a, b), (b, a)):
                aligned = self.documents[one].get("aligned", {}).get(other)
                if aligned and aligned[1] >= RETOLD:
                    return 1.0
            (words_a, anchors_a), (words_b, anchors_b) = vectors(a), vectors(b)
            return max(_cosine(words_a, words_b), _cosine(anchors_a, anchors_b))

        # Short documents were not linked: each is a story of its own already.
        return split_stories(stories, units, similarity, languages, story_id_for)

    def _provenance(self, doc: str, corpus: _Corpus) -> Provenance:
        """Provenance of `doc`; copies with the same text and metadata share one look."""
        source, clean = corpus.sources[doc], corpus.cleaned[doc]
        key = (clean.text, clean.removals, source.outlet, source.url)
        found = self._provenance_cache.get(key)
        if found is None:
            found = self._provenance_cache[key] = find_provenance(source, clean)
        return found

    def _node(
        self, doc: str, provenance: Provenance, corpus: _Corpus, text_anchors: frozenset[str]
    ) -> DocumentNode:
        record = self.documents[doc]
        publisher = provenance.publisher
        own_page = bool(publisher and outlet_for_url(corpus.sources[doc].url) == publisher.outlet)
        source, clean = corpus.sources[doc], corpus.cleaned[doc]
        node = DocumentNode(
            id=doc,
            publisher=publisher,
            own_page=own_page,
            attributions=provenance.attributions,
            relay_ranks=relay_ranks(),
            anchors=text_anchors | frozenset(slug_words(source.url)),
            language=clean.language or source.language,
            script=dominant_script(clean.text),
            label=unknown_outlet_label(source),
        )
        if "copy" in record:
            original, score = record["copy"]
            node.duplicate_of = original
            node.duplicate_score = score
            how = record.get("copy_by")
            if how == "exact":
                node.duplicate_evidence = f"identical text to document {original}"
            elif how == "alignment":
                node.duplicate_evidence = (
                    f"{score:.0%} of its text is near-verbatim in document {original}"
                )
            else:
                node.duplicate_evidence = (
                    f"near-duplicate: estimated Jaccard {score:.2f} of word 5-grams "
                    f"with document {original} (MinHash)"
                )
        node.alignments = []
        for other, (matched, coverage) in record.get("aligned", {}).items():
            retold, retold_coverage = self.documents[other]["aligned"].get(doc, [0, 0.0])
            node.alignments.append(
                AlignmentEdge(
                    other,
                    matched,
                    coverage,
                    is_rewrite(matched, coverage),
                    retold,
                    retold_coverage,
                    is_rewrite(retold, retold_coverage),
                )
            )
        return node

    def _notes(self, present: list[str], corpus: _Corpus) -> tuple[str, ...]:
        notes = []
        short = [d for d in present if self.documents[d].get("skipped") == "short"]
        if short:
            notes.append(
                f"{len(short)} document(s) have fewer than {self.options.min_words} words "
                f"and were not linked to any story: {_listing(short)}"
            )
        foreign = [d for d in present if self.documents[d].get("skipped") == "language"]
        if foreign:
            languages = sorted(
                {corpus.cleaned[d].language or corpus.sources[d].language or "?" for d in foreign}
            )
            notes.append(
                f"{len(foreign)} document(s) in languages not processed "
                f"(declared: {', '.join(languages)}); only exact and near copies were "
                f"looked for, not rewrites or stories: {_listing(foreign)}"
            )
        return tuple(notes)

    def to_state(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "options": self._settings,
            "documents": self.documents,
            "exact": self.exact,
            "lsh": self.lsh.to_state(),
            "stories": self.stories.to_state(),
            "anchors": self.anchors.to_state(),
            "sites": self.sites.to_state(),
        }


def _shared(
    vector: dict[str, float], centroid: dict[str, float], limit: int | None = 8
) -> list[str]:
    """The anchors of `vector` that `centroid` holds, heaviest first (all: `limit` None)."""
    found = sorted((k for k in vector if k in centroid), key=lambda k: (-vector[k], k))
    return found[:limit]


def joined_by(
    record: dict[str, Any], regrouped: Merge | None = None, split: Split | None = None
) -> str:
    """Why a document is in its story, in words for the dossier."""
    if "copy" in record:
        return f"copy of document {record['copy'][0]}"
    if record.get("skipped") == "short":
        return "too short to link: a story of its own"
    how = record.get("joined")
    reasons = []
    if how and how[0] == "text":
        reasons.append(f"its words match the story's (cosine {how[1]:.2f})")
    elif how and how[0] == "anchors":
        shared = ", ".join(describe(k) for k in how[2]) if len(how) > 2 else ""
        reasons.append(f"it shares {shared} with the story (anchor cosine {how[1]:.2f})")
    if "merged" in record:
        cosine, shared = record["merged"]
        words = ", ".join(describe(k) for k in shared)
        reasons.append(
            f"its story was merged into this one: they share {words} (anchor cosine {cosine:.2f})"
        )
    if split is not None:
        reasons.append(
            f"it was split out of story {split.story}: its words and anchors agree too "
            f"little with that story's documents (mean cosine {split.cosine:.2f})"
        )
    if regrouped is not None:
        words = ", ".join(describe(k) for k in regrouped.shared)
        reasons.append(
            f"its story was regrouped with this one: their documents share {words} "
            f"(mean anchor cosine {regrouped.cosine:.2f})"
        )
    if not reasons:
        return "first document of its story"
    return "; ".join(reasons)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def _domain(url: str | None) -> str | None:
    """The web domain of `url` without "www.", the name an unlisted publisher goes by."""
    host = (urlparse(url).hostname or "") if url else ""
    return host.removeprefix("www.") or None


def _fingerprint(text: str) -> str:
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=12).hexdigest()


def _listing(ids: list[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _title(corpus: _Corpus, doc: str) -> str:
    source, clean = corpus.sources[doc], corpus.cleaned[doc]
    title = source.title or clean.title
    if not title:
        first = next((line.strip() for line in clean.text.splitlines() if line.strip()), "")
        title = first[:120] or (urlparse(source.url).path if source.url else doc)
    return title


def link_corpus(
    sources: Sequence[SourceDocument],
    cleaned: Sequence[CleanDocument],
    state: dict[str, Any] | None,
    options: LinkOptions,
    features: Mapping[str, LinkFeatures] | None = None,
) -> tuple[LinkResult, dict[str, Any]]:
    if len(sources) != len(cleaned):
        raise ValueError("sources and cleaned documents must pair up one to one")
    corpus = _Corpus(
        sources={c.document_id: s for s, c in zip(sources, cleaned, strict=True)},
        cleaned={c.document_id: c for c in cleaned},
        _tokens={},
        _signatures={},
        _sentences={},
    )
    linker = _Linker(state, options)
    corpus.aligner = linker.aligner
    order: dict[str, None] = {}  # ingest order, each id once
    for clean in cleaned:
        doc = clean.document_id
        order.setdefault(doc, None)
        if doc not in linker.documents:
            linker.add(doc, corpus)
            corpus.forget(doc)
    return linker.result(corpus, list(order), features or {}), linker.to_state()
