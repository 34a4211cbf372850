# The two commands of the README. Both work on a fresh Debian machine.
.PHONY: run test bench lint

run:  ## set up and run the portal with demo content on http://127.0.0.1:8000
	bash scripts/run.sh

test:  ## set up and run the whole test suite
	bash scripts/test.sh

bench:  ## run the benchmarks and print the figures
	bash bench/run.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
