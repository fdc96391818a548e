"""A corpus folder: its documents, which translates which, and what is missing."""
