"""The word lists: lexicon.yaml (staff-editable) and the grammar words the rules need."""

from __future__ import annotations

from pathlib import Path

import yaml

# libyaml's parser when PyYAML has it (the same values as yaml.safe_load, ten times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LEXICON = yaml.load(
    Path(__file__).with_name("lexicon.yaml").read_text(encoding="utf-8"), Loader=_LOADER
)


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    """Phrases as word tuples, longest first so that "you know what i mean" wins over "you know"."""
    return tuple(sorted({tuple(p.lower().split()) for p in items}, key=len, reverse=True))


LEXICON: dict = _LEXICON  # the whole file, for themes.py
SAY: dict = _LEXICON["say"]
EXPAND: dict[str, tuple[str, ...]] = {
    k: tuple(str(v).split()) for k, v in _LEXICON["expand"].items()
}
FILLERS = frozenset(_LEXICON["fillers"])
FILLER_PHRASES = _phrases(_LEXICON["filler_phrases"])
HEDGES = _phrases(_LEXICON["hedges"])
OPENERS = _phrases(_LEXICON["openers"])
VAGUE = frozenset(" ".join(p) for p in _phrases(_LEXICON["vague"]))
TELLING = {kind: frozenset(words) for kind, words in _LEXICON["telling"].items()}
META = frozenset(_LEXICON["meta"])
FEELING_WORDS = frozenset(_LEXICON["feelings"])
COMMON_STARTS = frozenset(_LEXICON["common_starts"])

# --- grammar (not client-facing) -----------------------------------------------------------
BE = {"am", "is", "are", "was", "were", "'m", "'re", "'s"}
MODALS = {"can", "could", "will", "would", "should", "shall", "may", "might", "must"}
AUX = (
    MODALS
    | {"am", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had"}
    | {
        m + "n't"
        for m in (
            "ca",
            "could",
            "wo",
            "would",
            "should",
            "do",
            "does",
            "did",
            "is",
            "are",
            "was",
            "were",
            "have",
            "has",
            "had",
            "must",
            "ai",
        )
    }
)
NEGATIONS = {
    "not",
    "no",
    "never",
    "nothing",
    "nobody",
    "none",
    "nowhere",
    "neither",
    "nor",
    "cannot",
}
ADVERBS = {
    "really",
    "just",
    "never",
    "always",
    "honestly",
    "still",
    "also",
    "even",
    "actually",
    "so",
    "totally",
    "probably",
    "definitely",
    "only",
    "already",
    "usually",
    "sometimes",
    "often",
    "kind",
    "truly",
    "seriously",
    "almost",
    "ever",
    "again",
    "then",
    "too",
    "obviously",
    "genuinely",
    "barely",
    "hardly",
    "mostly",
    "completely",
    "all",
}
PREPOSITIONS = {
    "to",
    "with",
    "for",
    "at",
    "about",
    "from",
    "like",
    "than",
    "of",
    "without",
    "on",
    "in",
    "into",
    "by",
    "around",
    "near",
    "behind",
    "after",
    "before",
    "over",
}
CONJUNCTIONS = {
    "and",
    "but",
    "because",
    "so",
    "if",
    "when",
    "while",
    "though",
    "although",
    "or",
    "since",
    "unless",
    "until",
    "whether",
    "that",
    "as",
    "cos",
    "cause",
}
WH = {"what", "why", "how", "when", "where", "who", "which", "whose", "whom"}
SUBJECTS = {
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "this",
    "that",
    "there",
    "i'm",
    "you're",
    "it's",
    "he's",
    "she's",
    "we're",
    "they're",
    "i've",
    "you've",
    "i'd",
    "you'd",
    "i'll",
    "you'll",
    "that's",
    "there's",
    "everyone",
    "everything",
    "nobody",
    "people",
    "someone",
}
FUNCTION = (
    AUX
    | NEGATIONS
    | PREPOSITIONS
    | CONJUNCTIONS
    | WH
    | SUBJECTS
    | {
        "a",
        "an",
        "the",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "me",
        "him",
        "them",
        "us",
        "this",
        "these",
        "those",
        "some",
        "any",
        "every",
        "each",
        "no",
        "just",
        "really",
        "very",
        "much",
        "more",
        "most",
        "too",
        "also",
        "not",
        "then",
        "than",
        "be",
        "been",
        "being",
        "get",
        "got",
        "go",
    }
)
# "Did I drink" -> "whether you drank": past tenses the question form needs.
PAST = {
    "be": "was",
    "begin": "began",
    "break": "broke",
    "bring": "brought",
    "buy": "bought",
    "catch": "caught",
    "choose": "chose",
    "come": "came",
    "do": "did",
    "drink": "drank",
    "drive": "drove",
    "eat": "ate",
    "fall": "fell",
    "feel": "felt",
    "fight": "fought",
    "find": "found",
    "forget": "forgot",
    "get": "got",
    "give": "gave",
    "go": "went",
    "have": "had",
    "hear": "heard",
    "hide": "hid",
    "hit": "hit",
    "hold": "held",
    "hurt": "hurt",
    "keep": "kept",
    "know": "knew",
    "leave": "left",
    "let": "let",
    "lose": "lost",
    "make": "made",
    "mean": "meant",
    "meet": "met",
    "pay": "paid",
    "put": "put",
    "quit": "quit",
    "read": "read",
    "ride": "rode",
    "run": "ran",
    "say": "said",
    "see": "saw",
    "sell": "sold",
    "send": "sent",
    "sit": "sat",
    "sleep": "slept",
    "smoke": "smoked",
    "speak": "spoke",
    "spend": "spent",
    "stand": "stood",
    "steal": "stole",
    "swear": "swore",
    "take": "took",
    "tell": "told",
    "think": "thought",
    "throw": "threw",
    "understand": "understood",
    "wake": "woke",
    "win": "won",
    "write": "wrote",
    "blow": "blew",
    "become": "became",
    "shoot": "shot",
    "wear": "wore",
}
PAST_FORMS = set(PAST.values()) | {"could", "would", "should", "might", "must"}
THIRD = {"have": "has", "do": "does", "go": "goes", "be": "is", "am": "is", "are": "is"}
