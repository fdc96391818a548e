"""A corpus folder: its documents, which translates which, and what is missing.

root (where a corpus starts, where its configuration is, the project's cache) → config →
discover (each file read, with the language its place declares) → features → pair (which
translation belongs to which original) → status (each pair aligned) → lint (every
problem as a located finding); ingest (raw exports in); history/ (what changed in an
original since its translation was accepted).
"""
