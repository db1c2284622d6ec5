"""Identifiers made from names."""

import re
import unicodedata


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Kota Pangkal Pinang' -> 'kota-pangkal-pinang'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
