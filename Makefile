# Thin entry points. `make run` and `make test` each work alone on a fresh Debian 12 machine.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
BIN := $(BUILD_DIR)/bin/strangeprompt
JOBS ?= $(shell nproc)
# Paths relative to the checkout, so ccache hits across clones (CI builds a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all bootstrap configure build run test bench lint format clean cluster cluster-down

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD_DIR)/build.ninja: CMakeLists.txt CMakePresets.json
	cmake --preset $(PRESET)

configure: bootstrap $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BIN) serve --demo --data-dir data --listen 0.0.0.0:8080

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j 2 --timeout 600

# Benchmarks build in their own tree (preset `bench`), so `make test` never compiles them.
bench: bootstrap
	cmake --preset bench
	cmake --build build/bench -j $(JOBS)
	bench/run build/bench/bin/strangeprompt

# The platform split into processes on loopback (scripts/cluster; `make cluster-down` stops it).
cluster: build
	scripts/cluster up

cluster-down:
	scripts/cluster down

lint:
	@scripts/check-format

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
