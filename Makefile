# The README's set-up: `make demo` and `make test` do everything on a fresh
# Debian 12 machine (installing missing packages as root), `make` builds.
PRESET  ?= release
BUILD   := build/$(PRESET)
PREFIX  ?= /usr/local
MERIT   := $(BUILD)/stage/bin/merit

# Debian packages the build, the tests and the reports need. npm (for the
# browser tests' puppeteer-core) only when no npm is on the PATH: a Node.js
# from elsewhere brings its own.
PACKAGES := cmake g++ make pkg-config git python3 sqlite3 \
            libboost1.81-dev libboost-json1.81-dev libsqlite3-dev libspdlog-dev libfmt-dev \
            libgtest-dev libcli11-dev libmuparser-dev libxlsxwriter-dev libtbb-dev \
            python3-openpyxl chromium fonts-wqy-microhei \
            libcpp-httplib-dev libsodium-dev nodejs help2man man-db \
            libseccomp-dev libzip-dev libexpat1-dev openssl \
            postgresql-15 libpq-dev
# What `make fuzz` needs on top: clang and its libFuzzer/sanitizer runtimes.
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_SECONDS  ?= 60

.PHONY: all deps configure build test test-asan fuzz demo install clean format

all: build

deps:
	@missing=""; for p in $(PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "merit: need root to install:$$missing" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake --preset $(PRESET)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build --preset $(PRESET)

test: build
	ctest --preset $(PRESET)

# The whole suite again with AddressSanitizer + UndefinedBehaviorSanitizer
# (Debug at -O1, as the ASan documentation advises for speed; plugins
# included), in its own tree. GCC's -Wmaybe-uninitialized is off there: with
# the sanitizers' instrumentation it reports libstdc++'s own std::regex and
# std::optional internals (false positives the release build does not show). ASAN_EXCLUDE, a ctest regex,
# leaves tests out (CI uses it, see .ci/run).
ASAN_EXCLUDE ?=
build/asan/CMakeCache.txt:
	cmake --preset asan

test-asan: deps build/asan/CMakeCache.txt
	cmake --build --preset asan
	ctest --preset asan $(if $(ASAN_EXCLUDE),-E '$(ASAN_EXCLUDE)')

# libFuzzer targets (tests/fuzz) built with clang in build/fuzz, each run
# for FUZZ_SECONDS; a crash fails the run and names the saved input.
build/fuzz/CMakeCache.txt:
	cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DMERIT_FUZZ=ON -DMERIT_BUILD_TESTS=OFF

fuzz:
	$(MAKE) deps EXTRA_PACKAGES="$(FUZZ_PACKAGES)"
	$(MAKE) build/fuzz/CMakeCache.txt
	cmake --build build/fuzz -j2 --target merit_fuzzers
	tests/fuzz/run_fuzzers.sh build/fuzz $(FUZZ_SECONDS)

demo: build
	$(MERIT) demo --out build/demo

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

format:
	find sdk framework plugins tests bench -name '*.cpp' -o -name '*.hpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build
