"""`kg draft`: a first annotation of a new article, every proposal with its quote and marked for review."""
