"""hupli: keep a bilingual (Finnish–English) website honest.

The packages follow the pipeline: `hupli.document` (a file → a document of blocks),
`hupli.evidence` (what a block and its translation share), `hupli.align` (two documents →
links and findings), `hupli.corpus` (a folder → pairs, status, lint, history) and
`hupli.report` (results → text). `hupli.api` strings them together, one function per job;
`hupli.cli` is the command line over it.
"""

__version__ = "0.2.0"
