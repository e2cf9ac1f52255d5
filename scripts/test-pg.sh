#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (docs/TEAM.md §8), sourced by
# ./dev: `start_test_pg` runs initdb into a temporary folder as an
# unprivileged user (initdb refuses root), starts the server on a free local
# port with its socket in that folder, makes a database `conveyor_test` and
# exports CONVEYOR_TEST_PG; `stop_test_pg` stops it and deletes the folder
# (./dev calls it from its EXIT trap). Without the PostgreSQL binaries it
# does nothing, and the tests that need a server say they were skipped.

pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

TEST_PG_DIR=""
TEST_PG_BIN=""
TEST_PG_AS=()

start_test_pg() {
  TEST_PG_BIN="$(pg_bin_dir)"
  if [ -z "$TEST_PG_BIN" ]; then
    echo "PostgreSQL binaries not found (initdb, pg_ctl): the PostgreSQL tests will be skipped" >&2
    return 0
  fi
  TEST_PG_DIR="$(mktemp -d /tmp/conveyor-pg.XXXXXX)"
  chmod 755 "$TEST_PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id -u postgres >/dev/null 2>&1 || user=nobody
    chown "$user" "$TEST_PG_DIR"
    TEST_PG_AS=(runuser -u "$user" --)
  fi
  local port password=conveyor-test
  port="$(free_port)"
  printf '%s\n' "$password" >"$TEST_PG_DIR/pw"
  chmod 644 "$TEST_PG_DIR/pw"
  "${TEST_PG_AS[@]}" "$TEST_PG_BIN/initdb" -D "$TEST_PG_DIR/data" -U conveyor --pwfile="$TEST_PG_DIR/pw" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$TEST_PG_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_PG_DIR/initdb.log" >&2; return 1; }
  "${TEST_PG_AS[@]}" "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -w -l "$TEST_PG_DIR/server.log" \
    -o "-p $port -k $TEST_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$TEST_PG_DIR/server.log" >&2; return 1; }
  local psql="$TEST_PG_BIN/psql"
  [ -x "$psql" ] || psql="$(command -v psql)"
  PGPASSWORD="$password" "$psql" -q -h 127.0.0.1 -p "$port" -U conveyor -d postgres -c 'CREATE DATABASE conveyor_test' >/dev/null \
    || { stop_test_pg; return 1; }
  export CONVEYOR_TEST_PG="postgres://conveyor:$password@127.0.0.1:$port/conveyor_test"
  echo "PostgreSQL test cluster on 127.0.0.1:$port ($TEST_PG_DIR): CONVEYOR_TEST_PG=$CONVEYOR_TEST_PG" >&2
}

stop_test_pg() {
  if [ -n "$TEST_PG_DIR" ] && [ -d "$TEST_PG_DIR" ]; then
    "${TEST_PG_AS[@]}" "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$TEST_PG_DIR"
  fi
  TEST_PG_DIR=""
}
