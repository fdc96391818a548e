"""The document stage: a file's bytes → a `Document` of blocks.

read (decode, keeping encoding and newlines) → normalise (named rules to a fixed point) →
segment (blocks) → detect (language per block and document); build strings them together
and adds what each block carries for the later stages (`hupli.evidence`).
"""
