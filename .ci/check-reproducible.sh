#!/usr/bin/env bash
# Reproducible-build check: builds the published modules from a copy of the work tree (a different
# path, a different clock) and compares the sha256 of every jar it makes (classes, -sources and
# -javadoc) with a second build. Prints the jars that differ and exits 1 if any does.
#   bash .ci/check-reproducible.sh            # two builds, each in its own copy; keeps nothing
#   REFERENCE=tree bash .ci/check-reproducible.sh
#                                             # one build in a copy, compared with the jars the
#                                             # work tree's own build left in */target (CI: right
#                                             # after `mvn verify`, which saves one whole build)
#   KEEP=1 ...                                # keeps the copies
set -euo pipefail
cd "$(dirname "$0")/.."

MODULES=bom,backend-api,backend-tck,backend-sql,backend-local,backend-postgres,artifacts-s3,cli
work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "check-reproducible: copies kept in $work" >&2
else trap 'rm -rf "$work"' EXIT; fi

# The jars of the published modules under $1, as "sha256  module/target/name.jar" lines.
jar_sums() {
  (cd "$1" && for m in ${MODULES//,/ }; do
     [ -d "$m/target" ] && find "$m/target" -maxdepth 1 -name '*.jar' -type f -print0
     true
   done | sort -z | xargs -0 -r sha256sum)
}

build_copy() {
  mkdir -p "$work/$1"
  # The work tree as it is (uncommitted changes too), without build output.
  tar --exclude=./.git --exclude='./*/target' --exclude=./target -cf - . | tar -xf - -C "$work/$1"
  echo "check-reproducible: build $1" >&2
  (cd "$work/$1" && mvn -B -q -DskipTests -Denforcer.skip=true -pl "$MODULES" package)
  jar_sums "$work/$1" > "$work/$1.sha256"
}

build_copy a
if [ "${REFERENCE:-copy}" = tree ]; then
  # Only the jars this version builds: older versions' jars left in a developer's tree are not
  # compared. A jar the copy built and the tree lacks reads as "missing" below.
  (while read -r _ jar; do
     if [ -f "$jar" ]; then sha256sum "$jar"; else echo "missing  $jar"; fi
   done < "$work/a.sha256") > "$work/b.sha256"
else
  sleep 1   # a different second for the second build's clock
  build_copy b
fi

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
