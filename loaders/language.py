"""Language identification for articles that do not say their language.

langdetect ships its language profiles inside the package (no download); its seed is fixed so the
same text always gets the same answer.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _factory() -> object:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    return DetectorFactory


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it cannot be told."""
    _factory()
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return str(detect(text[:5000]))
    except LangDetectException:
        return "und"
