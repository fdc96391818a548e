"""hupli: keep a bilingual (Finnish–English) website honest.

Each pipeline stage is its own module (read, normalise, segment, detect, anchors, align,
check, report); `hupli.pipeline` strings them together for the CLI and for library users.
"""

__version__ = "0.1.0"
