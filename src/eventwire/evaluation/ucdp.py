"""UCDP GED rows as gold for ``eventwire eval`` (a CSV with the GED columns).

Each row whose first source headline is a report (four words or more — most rows carry only a village's or a
source's name there) becomes one document: that headline, published on its first source date. The gold event
matches whatever event the headline codes (UCDP records organised violence, but a headline may report it as
an attack, a clash or a death toll), so the ``event`` row of the report is the share of headlines that coded
anything. The place is scored only when the headline names it (a word of the row's ``where_description`` or
``adm_1`` appears in the headline), and the dead only when the headline states a number of dead — headlines
often carry neither, and a coder cannot be blamed for facts that are not in its input. UCDP's ``best`` sums
all its sources, so death-count agreement with one headline is a lower bound.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from eventwire.errors import InputError
from eventwire.evaluation.gold import ANY_TYPE, GoldDocument, GoldEvent
from eventwire.resolve.names import fold

UCDP_COLUMNS = frozenset({"source_headline", "latitude", "longitude", "best", "where_description", "date_start"})
_DEATH = re.compile(r"\b(dead|die[sd]?|kill(?:s|ed|ing)?|death toll|bodies|slain|lifeless)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\b", re.IGNORECASE)
#: a headline with fewer words is a label ("Pisky", "Euromaidan Press"), not a report
_MIN_WORDS = 4
_PLACE_WORD = re.compile(r"[A-Za-z\u00C0-\u024F'’-]{4,}")
_GENERIC = frozenset({"city", "oblast", "region", "district", "village", "town", "special", "republican",
                      "raion", "rayon", "area", "near", "outskirts", "airport", "province", "settlement"})  # fmt: skip


def is_ucdp(path: Path) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    return set(header) >= UCDP_COLUMNS


def _date(text: str) -> dt.date | None:
    text = (text or "").split(" ")[0]
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _names_place(headline: str, row: dict[str, str]) -> bool:
    words = {fold(w) for w in _PLACE_WORD.findall(f"{row['where_description']} {row.get('adm_1', '')}")}
    words -= _GENERIC
    folded = fold(headline)
    return any(re.search(rf"\b{re.escape(w)}", folded) for w in words)


def load_ucdp(path: Path) -> list[GoldDocument]:
    documents: list[GoldDocument] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), 2):
                headline = (row.get("source_headline") or "").split(";")[0].strip()
                if len(headline.split()) < _MIN_WORDS:
                    continue  # most "headlines" are only a village name or a source's name
                published = _date((row.get("source_date") or "").split(";")[0]) or _date(row["date_start"])
                try:
                    point = (float(row["latitude"]), float(row["longitude"]))
                    best = int(row["best"])
                except ValueError as error:
                    raise InputError(f"{path}:{number}", f"not a UCDP GED row ({error})") from None
                stated_dead = bool(_DEATH.search(headline) and _NUMBER.search(headline))
                scored = {"location"} if _names_place(headline, row) else set()
                if stated_dead:
                    scored.add("size")
                event = GoldEvent(
                    event=ANY_TYPE,
                    location=point,
                    size=(("dead", best),) if best else (),
                    scored=frozenset(scored),
                )
                documents.append(GoldDocument(id=row.get("id") or str(number), text=headline, published=published,
                                              events=[event]))  # fmt: skip
    except OSError as error:
        raise InputError(str(path), f"cannot read ({error.strerror})") from None
    return documents
