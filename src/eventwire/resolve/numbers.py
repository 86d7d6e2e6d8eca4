"""Numbers written in digits or words: "12", "1,200", "three", "twenty-five", "a dozen", "hundreds"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
#: vague quantities, coded conservatively (the smallest number the phrase can mean; ACLED codes
#: "dozens" as 12 and "hundreds" as 100 in the same spirit)
VAGUE = {"dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def parse_number(text: str) -> int | None:
    """The integer a number phrase denotes, or None."""
    words = text.lower().replace("-", " ").replace("a ", "", 1).split()
    if not words:
        return None
    if len(words) == 1 and _DIGITS.match(words[0]):
        return int(words[0].replace(",", ""))
    if len(words) == 1 and words[0] in VAGUE:
        return VAGUE[words[0]]
    total = current = 0
    seen = False
    for word in words:
        word = word.strip(",")
        if _DIGITS.match(word):
            current += int(word.replace(",", ""))
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None
