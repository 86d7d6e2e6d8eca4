"""Stable identifiers: a document's id is given by the input or derived from its content."""

from __future__ import annotations

import hashlib


def content_hash(data: bytes | str) -> str:
    """SHA-256 of the raw input, hex."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def doc_id_from_hash(raw_hash: str) -> str:
    """A short, stable document id derived from the raw content hash."""
    return f"sha256:{raw_hash[:16]}"


def normalize_url(url: str) -> str:
    """Scheme and host lower-cased, default ports, fragments, tracking parameters and trailing slashes dropped:
    the same article reached by two links gets one id."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(("utm_", "fbclid", "gclid"))]
    path = parts.path.rstrip("/") or "/"
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def doc_id_from_url(url: str) -> str:
    """A short, stable document id derived from the normalised URL."""
    return f"url:{hashlib.sha256(normalize_url(url).encode('utf-8')).hexdigest()[:16]}"


#: MinHash signature length: 32 hashes estimate shingle Jaccard to about ±0.09
MINHASH_SIZE = 32


def minhash(text: str, size: int = MINHASH_SIZE) -> list[int]:
    """A MinHash signature of a text's word 3-shingles (signed 63-bit values, storable as BIGINT). Each
    shingle is hashed once; the ``size`` hash functions are that hash XOR-ed with fixed random masks."""
    import re

    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    hashes = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") for s in shingles]
    return [min(h ^ mask for h in hashes) >> 1 for mask in _MASKS[:size]]


_MASKS = [
    int.from_bytes(hashlib.blake2b(f"eventwire-minhash-{i}".encode(), digest_size=8).digest(), "big")
    for i in range(MINHASH_SIZE)
]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
