"""What changed in an original since its translation was accepted.

records (what the original said when the translation was accepted) → diff (blocks and
words of two versions) → compare (a `HistoryReport` against the translation's blocks, and
`annotate`, which puts its findings on the links).
"""
