"""Writers: results → text, one module per format.

terminal (the side-by-side view, the status table, what changed since the translation),
json, csv, html, tmx and xliff (with units: what an export returns, and the translation
units both share), sarif, github, text (lint and pairing as lines); progress (a bar on a
terminal). Writers return text or draw on a console they are given; they never print on
their own or decide exit codes, and the same results always give the same bytes.
"""
