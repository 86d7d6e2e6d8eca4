"""Language identification (py3langid's bundled model, no network): eventwire codes English only.

A document that says its language (JSONL ``language``, HTML metadata) is taken at its word; otherwise the
cleaned text is identified. Short texts are not judged (too little evidence); a text is called non-English
only when the model is confident.
"""

from __future__ import annotations

from functools import lru_cache

#: below this many letters the model's guess is noise ("Kyiv" comes out as Uzbek)
MIN_LETTERS = 40
#: the model must be at least this sure a text is not English before we skip it
MIN_CONFIDENCE = 0.9
_SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), or (None, 0.0) when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    language, probability = _identifier().classify(sample)
    return str(language), float(probability)


def screen(text: str, declared: str | None) -> tuple[str | None, str | None]:
    """(language, note): the document's language as declared or identified (None when too short to tell),
    and why it will not be coded when it is not English (a note for the store), else None."""
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if code in ("en", "eng"):
            return declared, None
        return declared, f"not English (declared language {declared!r}): not coded"
    language, probability = detect_language(text)
    if language is None or language == "en" or probability < MIN_CONFIDENCE:
        return language if language == "en" else None, None
    return language, f"not English (identified as {language!r}, p={probability:.2f}): not coded"
