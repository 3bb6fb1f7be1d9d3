# The two Quick start commands (see README.md) and what they need.
#   make demo   build, then decode and analyze the bundled sample call and print the result
#   make test   run the test suite
# Both install the Debian packages they need when they are missing.

SWIFT ?= swift
SAMPLE ?= AudioFixtures/calls/sample-call
APT_PACKAGES = pkg-config libsndfile1-dev libfftw3-dev libopus-dev libsamplerate0-dev python3 python3-jsonschema
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test build deps

demo: deps
	$(SWIFT) build -c release --product undertone
	.build/release/undertone info $(SAMPLE).wav
	.build/release/undertone analyze $(SAMPLE).wav --transcript $(SAMPLE).json --metadata $(SAMPLE).meta.json --format text

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build -c release --product undertone

deps:
	@if ! pkg-config --exists sndfile fftw3f opus samplerate 2>/dev/null \
		|| ! python3 -c 'import jsonschema' 2>/dev/null; then \
		echo "Installing system libraries: $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
