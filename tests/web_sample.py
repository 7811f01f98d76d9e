"""A small hand-made store that exercises every part of the web UI.

The articles are invented and written for these tests: a fish plant, two outlets
that report on it, and one hostile copy whose every field carries markup that must
be shown as text (a <script> element, an onerror= attribute, a javascript: link).
Each story also has a figure whose measure was not named ("unclassified"), the run
records how it found things (methods) and cleaning leaves notes on two documents.
"""

from __future__ import annotations

from pathlib import Path

from indicia.records import (
    Claim,
    CleanDocument,
    Conflict,
    Derivation,
    DocumentLink,
    Entity,
    Evidence,
    IndicatorFinding,
    LinkResult,
    Origin,
    Reconciliation,
    Removal,
    SourceDocument,
    Story,
)
from indicia.store import open_store

FILLER = (
    "The plant sits at the end of a gravel road beside the lake, where trucks queue at dawn "
    "to carry the morning catch to the cities of the south.\n\n"
    "Harbour Watch spent four months speaking to people who had worked there, and to "
    "relatives who had not heard from them for weeks at a time.\n\n"
    "Most of those interviewed had been recruited through an agency in the capital, which "
    "promised indoor work, a room of their own and a return ticket after one season.\n\n"
    "Several asked that their names be withheld, saying they feared for family members "
    "still employed on the production line.\n\n"
    "The company did not answer detailed questions sent by email and by post. A person "
    "who picked up the phone at its head office said no one was available to comment.\n\n"
    "Local officials said they had inspected the site twice in the past year and had found "
    "paperwork in order on both visits.\n\n"
    "Former workers described a dormitory of bunk beds in a converted warehouse, heated by "
    "a single stove and locked from the outside at night.\n\n"
    "A union organiser in the nearest town said complaints had reached her office before, "
    "but that no worker had been willing to sign a formal statement.\n\n"
)

ORIGINAL_TEXT = (
    FILLER + "Workers at the Lakeside fish plant said the manager took their passports on the day "
    "they arrived. One worker said shifts ran for sixteen hours a day, seven days a week. "
    "The company employed about 300 migrants last year, according to the regional labour "
    "office. Wages of between 350 and 400 dollars a month were held back until the contract "
    "ended."
)

REWRITE_TEXT = (
    "According to Harbour Watch, the plant's manager kept the workers' passports. "
    "The regional labour office put the number of migrants at 250. "
    "Workers described shifts of up to sixteen hours."
)

HOSTILE = "<script>window.__pwned = 1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned = 2">'
HOSTILE_LINK = '<a href="javascript:window.__pwned = 3">click here</a>'

HOSTILE_TEXT = (
    f"A copied page said {HOSTILE} that guards {HOSTILE_IMG} watched the dormitory at night. "
    f"Readers were told to {HOSTILE_LINK} for more."
)

ORIGINAL = "a" * 16
REWRITE = "b" * 16
HOSTILE_DOC = "c" * 16
STORY = "s-lakeside"
HOSTILE_STORY = "s-hostile"


def ev(document: str, text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(document=document, quote=quote, start=start, end=start + len(quote))


PASSPORTS_A = "the manager took their passports on the day they arrived"
HOURS_A = "One worker said shifts ran for sixteen hours a day, seven days a week."
MIGRANTS_A = (
    "The company employed about 300 migrants last year, according to the regional labour office."
)
WAGES_A = "Wages of between 350 and 400 dollars a month were held back until the contract ended."
PASSPORTS_B = "According to Harbour Watch, the plant's manager kept the workers' passports."
MIGRANTS_B = "The regional labour office put the number of migrants at 250."
HOURS_B = "Workers described shifts of up to sixteen hours."
GUARDS_C = f"guards {HOSTILE_IMG} watched the dormitory at night"
MONTHS_A = "Harbour Watch spent four months speaking to people who had worked there"
READERS_C = f"Readers were told to {HOSTILE_LINK} for more."

UNCLASSIFIED = "unclassified"
# A conflict on an unnamed figure must never be shown (reconciliation gives none).
STRAY_REASON = "a stray disagreement that must stay hidden"
ORIGINAL_NOTE = "the page's own markup gave no main text, so a plain reading was used"
HOSTILE_NOTE = f"the copy's encoding was guessed {HOSTILE}"
METHODS = {
    "entities": "rules: capitalised names checked against a short list of outlets",
    "indicators": "cue words from the shipped indicator list",
    "quantities": "rules for numbers written in digits or words",
}
HOSTILE_METHOD = f"rules {HOSTILE_IMG}"


def documents() -> list[SourceDocument]:
    def source(
        doc_id: str, title: str, outlet: str, published: str, text: str, url: str
    ) -> SourceDocument:
        return SourceDocument(
            id=doc_id,
            source_path=f"/reports/{doc_id[:4]}.html",
            raw_sha256=doc_id * 4,
            media_type="html",
            content=text,
            size_bytes=len(text.encode()),
            title=title,
            outlet=outlet,
            url=url,
            published=published,
            language="en",
        )

    return [
        source(
            ORIGINAL,
            "Passports taken at the lakeside fish plant",
            "Harbour Watch",
            "2025-03-02",
            ORIGINAL_TEXT,
            "https://harbour.example/fish-plant",
        ),
        source(
            REWRITE,
            "Fish plant kept migrants' passports, report says",
            "Coastal Daily",
            "2025-03-05",
            REWRITE_TEXT,
            "https://coastal.example/passports",
        ),
        source(
            HOSTILE_DOC,
            f"{HOSTILE} Hostile copy",
            HOSTILE_IMG,
            "2025-03-06",
            HOSTILE_TEXT,
            "javascript:window.__pwned = 4",
        ),
    ]


def cleans() -> list[CleanDocument]:
    return [
        CleanDocument(
            document_id=ORIGINAL,
            text=ORIGINAL_TEXT,
            removals=(
                Removal("navigation", "Home | World | Business | Sport"),
                Removal("donation_appeal", "Support independent reporting: give what you can."),
            ),
            notes=(ORIGINAL_NOTE,),
        ),
        CleanDocument(document_id=REWRITE, text=REWRITE_TEXT),
        CleanDocument(
            document_id=HOSTILE_DOC,
            text=HOSTILE_TEXT,
            removals=(Removal("sponsored", f"Sponsored {HOSTILE_LINK} {HOSTILE}"),),
            notes=(HOSTILE_NOTE,),
        ),
    ]


def link_result() -> LinkResult:
    attribution = REWRITE_TEXT.index("According to Harbour Watch")
    return LinkResult(
        documents=(
            DocumentLink(ORIGINAL, STORY, outlet="Harbour Watch"),
            DocumentLink(
                REWRITE,
                STORY,
                outlet="Coastal Daily",
                derived_from=(
                    Derivation(
                        "rewrite",
                        document=ORIGINAL,
                        outlet="Harbour Watch",
                        evidence="According to Harbour Watch",
                        start=attribution,
                        end=attribution + len("According to Harbour Watch"),
                    ),
                ),
            ),
            DocumentLink(
                HOSTILE_DOC,
                HOSTILE_STORY,
                outlet=HOSTILE_IMG,
                derived_from=(Derivation("cites", outlet=HOSTILE, evidence=HOSTILE_LINK),),
            ),
        ),
        stories=(
            Story(
                STORY,
                "Passports taken at the lakeside fish plant",
                (ORIGINAL, REWRITE),
                (Origin("Harbour Watch", (ORIGINAL,)),),
                1,
            ),
            Story(HOSTILE_STORY, f"{HOSTILE} story", (HOSTILE_DOC,), (Origin(HOSTILE, ()),), 1),
        ),
        notes=(f"note with {HOSTILE}",),
    )


def reconciliation() -> Reconciliation:
    a, b, c = ORIGINAL_TEXT, REWRITE_TEXT, HOSTILE_TEXT
    return Reconciliation(
        indicators=(
            IndicatorFinding(
                STORY,
                "retention_of_identity_documents",
                "Retention of identity documents",
                (ev(ORIGINAL, a, PASSPORTS_A), ev(REWRITE, b, PASSPORTS_B)),
                1,
                0.9,
            ),
            IndicatorFinding(
                STORY,
                "excessive_overtime",
                "Excessive overtime",
                (ev(ORIGINAL, a, HOURS_A), ev(REWRITE, b, HOURS_B)),
                1,
                0.8,
            ),
            IndicatorFinding(
                STORY,
                "withholding_of_wages",
                "Withholding of wages",
                (ev(ORIGINAL, a, WAGES_A),),
                1,
                0.8,
            ),
            IndicatorFinding(
                HOSTILE_STORY,
                "restriction_of_movement",
                f"Restriction of movement {HOSTILE}",
                (ev(HOSTILE_DOC, c, GUARDS_C),),
                1,
                0.5,
            ),
        ),
        claims=(
            Claim(
                "claim-migrants-300",
                STORY,
                "migrants employed at the plant",
                300,
                unit="people",
                qualifier="about",
                period="2024",
                attributed_to="regional labour office",
                evidence=(ev(ORIGINAL, a, MIGRANTS_A),),
                independent_sources=1,
                conflicts=(
                    Conflict(
                        "claim-migrants-250",
                        "the rewrite gives a lower count",
                        (ev(REWRITE, b, MIGRANTS_B),),
                    ),
                ),
            ),
            Claim(
                "claim-migrants-250",
                STORY,
                "migrants employed at the plant",
                250,
                unit="people",
                attributed_to="regional labour office",
                evidence=(ev(REWRITE, b, MIGRANTS_B),),
                independent_sources=1,
                conflicts=(
                    Conflict("claim-migrants-300", "the original gives a higher count", ()),
                ),
            ),
            Claim(
                "claim-wages",
                STORY,
                "monthly wage withheld",
                None,
                low=350,
                high=400,
                unit="USD",
                period="month",
                evidence=(ev(ORIGINAL, a, WAGES_A),),
                independent_sources=1,
            ),
            Claim(
                "claim-hostile",
                HOSTILE_STORY,
                f"{HOSTILE} guards",
                2,
                unit="people",
                attributed_to=HOSTILE_IMG,
                evidence=(ev(HOSTILE_DOC, c, GUARDS_C),),
                independent_sources=1,
            ),
            Claim(
                "claim-other-months",
                STORY,
                UNCLASSIFIED,
                4,
                unit="months",
                evidence=(ev(ORIGINAL, a, MONTHS_A),),
                independent_sources=1,
                conflicts=(Conflict("claim-wages", STRAY_REASON, ()),),
            ),
            Claim(
                "claim-other-hostile",
                HOSTILE_STORY,
                UNCLASSIFIED,
                3,
                unit=HOSTILE,
                evidence=(ev(HOSTILE_DOC, c, READERS_C),),
                independent_sources=1,
            ),
        ),
        entities=(
            Entity(
                "Lakeside fish plant",
                "organisation",
                ("the plant",),
                (ORIGINAL, REWRITE),
                mentions=(ev(ORIGINAL, a, "Lakeside fish plant"), ev(REWRITE, b, "the plant")),
            ),
            Entity(
                "Harbour Watch",
                "organisation",
                (),
                (REWRITE,),
                mentions=(ev(REWRITE, b, "Harbour Watch"),),
            ),
            Entity(HOSTILE_IMG, "person", (HOSTILE,), (HOSTILE_DOC,)),
        ),
    )


def build_sample_store(path: Path, hostile: bool = True) -> Path:
    """Write the sample into a new SQLite store at `path` and return the path.

    `hostile=False` leaves out the hostile copy and its story (for screenshots).
    """
    link = link_result()
    found = reconciliation()
    if not hostile:
        link = LinkResult(
            documents=tuple(d for d in link.documents if d.document_id != HOSTILE_DOC),
            stories=tuple(s for s in link.stories if s.id != HOSTILE_STORY),
        )
        found = Reconciliation(
            indicators=tuple(f for f in found.indicators if f.story != HOSTILE_STORY),
            claims=tuple(c for c in found.claims if c.story != HOSTILE_STORY),
            entities=tuple(e for e in found.entities if HOSTILE_DOC not in e.documents),
        )
    with open_store(path) as store:
        for document in documents():
            if hostile or document.id != HOSTILE_DOC:
                store.add_document(document)
        for clean in cleans():
            if hostile or clean.document_id != HOSTILE_DOC:
                store.put_clean(clean)
        store.put_link(link, {})
        store.put_reconciliation(found)
        store.put_methods({**METHODS, "quantities": HOSTILE_METHOD} if hostile else METHODS)
    return path
