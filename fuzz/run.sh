#!/usr/bin/env bash
# Runs Conveyor's cargo-fuzz targets, seeded with the project's own export
# fixtures and, when ../shared/fixtures sits beside the clone, the real-world
# ones too (copied into a throw-away corpus folder at run time, never into git).
#
#   fuzz/run.sh                      every target, 10 minutes each
#   fuzz/run.sh csv_reader 60        one target for 60 seconds
#   FUZZ_JOBS=1 fuzz/run.sh          (default) one process per target
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# Runs under `nice -n 19`: the machine is shared. Crashes land in
# fuzz/artifacts/<target>/; turn each into a regression unit test in the core.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
OWN_FIXTURES="$HERE/../crates/core/tests/fixtures/interop"
REAL_FIXTURES="${FIXTURES:-$HERE/../../shared/fixtures}"
FIXTURES=("$OWN_FIXTURES")
if [ -d "$REAL_FIXTURES" ]; then FIXTURES+=("$REAL_FIXTURES"); fi
TEMPLATES="$HERE/../crates/core/templates"
TARGETS=(csv_reader vcard_reader import_pipeline template_import)
# No ICS target: the core only writes ICS (interop/ics.rs), it has no reader.
if [ $# -ge 1 ]; then TARGETS=("$1"); fi
SECONDS_EACH="${2:-600}"
WORK="${FUZZ_WORK:-$(mktemp -d -t conveyor-fuzz-XXXXXX)}"

seed() {
  local target="$1"
  local dir="$WORK/corpus/$target"
  mkdir -p "$dir"
  case "$target" in
    csv_reader) find "${FIXTURES[@]}" -name '*.csv' -exec cp {} "$dir" \; ;;
    vcard_reader) find "${FIXTURES[@]}" -name '*.vcf' -exec cp {} "$dir" \; ;;
    import_pipeline)
      # First byte = duplicates policy (0 skip, 1 update, 2 create).
      local i=0
      while IFS= read -r f; do
        for p in 0 1 2; do
          { printf "\\x0$p"; cat "$f"; } > "$dir/seed-$i-$p"
        done
        i=$((i + 1))
      done < <(find "${FIXTURES[@]}" \( -name '*.csv' -o -name '*.vcf' \))
      ;;
    template_import)
      # The built-in templates. First byte = the workspace imported into
      # (bits 0-1: no template, generic-b2b, wholesale, agency; bit 2: Russian).
      for f in "$TEMPLATES"/*.json; do
        for w in 0 1 2 3 5; do
          { printf "\\x0$w"; cat "$f"; } > "$dir/$(basename "$f" .json)-$w"
        done
      done
      # A dictionary of the format's field names and codes (every short
      # snake/kebab-case JSON string in the built-ins), so mutations keep
      # more files readable and reach the checks and the import itself.
      grep -ohE '"[a-z0-9_:-]{1,40}"' "$TEMPLATES"/*.json | sort -u | sed 's/"/\\"/g; s/.*/"&"/' > "$WORK/$target.dict"
      ;;
  esac
  echo "$dir"
}

for t in "${TARGETS[@]}"; do
  corpus="$(seed "$t")"
  echo "==> $t for ${SECONDS_EACH}s (corpus $corpus, $(ls "$corpus" | wc -l) seeds)"
  # The Russian built-in templates are a little over 64 KiB.
  max_len=65536; [ "$t" = template_import ] && max_len=131072
  dict=(); [ -f "$WORK/$t.dict" ] && dict=("-dict=$WORK/$t.dict")
  nice -n 19 cargo +nightly fuzz run "$t" "$corpus" -- "${dict[@]}" \
    -max_total_time="$SECONDS_EACH" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    2>&1 | tee "$WORK/$t.log" | grep -E '^(#[0-9]+ +(INITED|DONE|pulse)|==|SUMMARY|stat::|Done)' || true
  echo "   log: $WORK/$t.log"
done
