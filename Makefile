# Everyday tasks. `make bench` prints the figures quoted in issue notes.
PYTHON ?= python3

.PHONY: install test lint format bench bench-real bench-normalise bench-align bench-detect bench-speed bench-pair bench-corpus bench-pages bench-lexicon dictionary golden

install:
	$(PYTHON) -m pip install -e '.[test]'

test:
	$(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check src tests bench
	$(PYTHON) -m ruff format --check src tests bench
	$(PYTHON) -m mypy

format:
	$(PYTHON) -m ruff format src tests bench
	$(PYTHON) -m ruff check --fix src tests bench

# Real data first: the figures that say how hupli does on real translations.
bench: bench-real bench-normalise bench-detect bench-align bench-speed bench-pair bench-corpus bench-pages

# fso-dev (score.py's official figures, then finer cuts) and GNOME help in Finnish;
# a JSON summary goes to bench/out/real.json.
bench-real:
	$(PYTHON) bench/bench_real.py

bench-speed:
	$(PYTHON) bench/bench_speed.py

# Where join_broken_paragraph fires on real pages and WMT16 news, and what it joins.
bench-normalise:
	$(PYTHON) bench/bench_normalise.py

bench-pair:
	$(PYTHON) bench/bench_pair.py

bench-corpus:
	$(PYTHON) bench/bench_corpus.py

# lint and status on one pair of pages of 0.1, 1, 5 and 20 MB of repeated paragraphs.
bench-pages:
	$(PYTHON) bench/bench_pages.py

# Hit rates and separation of the Finnish→English dictionary on WMT16 dev (then held-out test).
bench-lexicon:
	$(PYTHON) bench/bench_lexicon.py

# Rebuild src/hupli/data/fi_en_dictionary.tsv (needs apt-get, python3-libvoikko and voikko-fi).
dictionary:
	$(PYTHON) bench/build_dictionary.py

bench-detect:
	$(PYTHON) bench/bench_detect.py

bench-align:
	$(PYTHON) bench/estimate_length.py
	$(PYTHON) bench/bench_align.py

# Rewrite the golden files after an intended change; review the diff before committing.
golden:
	HUPLI_UPDATE_GOLDEN=1 $(PYTHON) -m pytest tests/test_golden.py
