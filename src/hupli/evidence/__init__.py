"""Evidence: what a Finnish block and its English translation share (numbers, dates,
times, URLs, e-mails, names, words)."""
