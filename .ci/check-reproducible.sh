#!/usr/bin/env bash
# Reproducible-build check: builds the published modules twice, each from its own copy of the
# work tree (different paths, different clocks), and compares the sha256 of every jar they make
# (classes, -sources and -javadoc). Prints the jars that differ and exits 1 if any does.
#   bash .ci/check-reproducible.sh            # keeps nothing; KEEP=1 keeps the two copies
set -euo pipefail
cd "$(dirname "$0")/.."

MODULES=bom,backend-api,backend-tck,backend-sql,backend-local,backend-postgres,artifacts-s3,cli
work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "check-reproducible: copies kept in $work" >&2
else trap 'rm -rf "$work"' EXIT; fi

for copy in a b; do
  mkdir -p "$work/$copy"
  # The work tree as it is (uncommitted changes too), without build output.
  tar --exclude=./.git --exclude='./*/target' --exclude=./target -cf - . | tar -xf - -C "$work/$copy"
  echo "check-reproducible: build $copy" >&2
  (cd "$work/$copy" && mvn -B -q -DskipTests -Denforcer.skip=true -pl "$MODULES" package)
  (cd "$work/$copy" && find . -path '*/target/*.jar' -maxdepth 3 -type f -print0 | sort -z \
     | xargs -0 sha256sum) > "$work/$copy.sha256"
  sleep 1   # a different second for the second build's clock
done

if [ ! -s "$work/a.sha256" ]; then
  echo "check-reproducible: no jars were built" >&2
  exit 1
fi
if diff <(awk '{print $2}' "$work/a.sha256") <(awk '{print $2}' "$work/b.sha256") >/dev/null \
    && cmp -s "$work/a.sha256" "$work/b.sha256"; then
  echo "check-reproducible: $(wc -l < "$work/a.sha256") jars, byte-identical in both builds"
  exit 0
fi
echo "check-reproducible: jars that differ between two builds of the same tree:" >&2
join -j 2 -a 1 -a 2 -e missing -o 0,1.1,2.1 <(sort -k2 "$work/a.sha256") <(sort -k2 "$work/b.sha256") \
  | awk '$2 != $3 {print "  " $1}' >&2
exit 1
