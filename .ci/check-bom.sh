#!/usr/bin/env bash
# Checks that bom/pom.xml (which has no parent, on purpose) has the parent's version and lists
# every published module: each module of the default build with jar packaging, except examples
# (and the example applications under examples/).
# Exits non-zero and says what is wrong otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

# A POM without its comments.
pom() { perl -0pe 's/<!--.*?-->//gs' "$1"; }
# The project's own artifactId / version / packaging: the first after any <parent> block.
own() { pom "$1" | perl -0ne 's/<parent>.*?<\/parent>//s; print "$1\n" if /<'"$2"'>\s*([^<]+?)\s*<\/'"$2"'>/'; }

status=0
parent_version="$(own pom.xml version)"
bom_version="$(own bom/pom.xml version)"
if [ "$parent_version" != "$bom_version" ]; then
  echo "check-bom: bom/pom.xml has version $bom_version, the parent $parent_version" >&2
  status=1
fi

bom_text="$(pom bom/pom.xml)"
for module in $(pom pom.xml | perl -0ne 's/<profiles>.*//s; print "$1\n" while /<module>\s*([^<]+?)\s*<\/module>/g'); do
  [ "$module" = bom ] || [ "$module" = examples ] || [[ "$module" = examples/* ]] && continue
  packaging="$(own "$module/pom.xml" packaging)"
  [ "${packaging:-jar}" = jar ] || continue
  artifact="$(own "$module/pom.xml" artifactId)"
  if ! grep -q "<artifactId>$artifact</artifactId>" <<<"$bom_text"; then
    echo "check-bom: $module ($artifact) is published but missing from bom/pom.xml" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "check-bom: bom/pom.xml lists every published module at $parent_version"
exit "$status"
