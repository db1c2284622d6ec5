"""A knowledge graph of Indonesian cities, their officials, APEKSI and its events."""

__version__ = "0.1.0"
