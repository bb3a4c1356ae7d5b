#!/bin/bash
# The figures issue 16 asks for, measured the same way before and after:
# service lookups (findChild, ::instance()), include lines that run both ways between
# ui files, files at ui/'s root, and torch includes in ui/ and src/app.
# Usage: scripts/ui-coupling.sh [SOURCE_ROOT]   (default: this checkout)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
code() { find ui src/app -name '*.cpp' -o -name '*.h' | sort; }
# Lines of code (not comments) that look a service up.
count() { code | xargs grep -h "$1" | grep -v '^\s*//' | wc -l; }
echo "findChild / findChildren calls:   $(count 'findChild')"
echo "::instance() calls:               $(count '::instance()')"
# Two-way includes: a.h/.cpp includes b.h while b.h/.cpp includes a.h.
pairs=$(for f in $(code); do
    a=$(basename "${f%.*}")
    { grep -ho '#include "[a-z/]*\.h"' "$f" || true; } | sed 's/#include "//; s/\.h"//; s#.*/##' | while read -r b; do
        [ "$a" != "$b" ] && echo "$a $b"
    done
done | sort -u)
both=$(echo "$pairs" | awk '{ k = ($1 < $2) ? $1" "$2 : $2" "$1; seen[k]++ } END { for (k in seen) if (seen[k] > 1) print k }' | sort)
echo "include pairs that run both ways: $(echo -n "$both" | grep -c . || true) ${both:+($(echo "$both" | tr '\n' ';'))}"
n=$(find ui -maxdepth 1 \( -name "*.cpp" -o -name "*.h" \) | wc -l)
names=$(find ui -maxdepth 1 \( -name "*.cpp" -o -name "*.h" \) -printf "%f " | head -c 200)
echo "files at ui/'s root:              $n ($names)"
echo "torch includes in ui/ and src/app: $(code | xargs grep -l '#include <torch\|#include <ATen\|#include <c10' | wc -l)"
