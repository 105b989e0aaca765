#!/usr/bin/env bash
# What a build costs: cold `cargo build`s (an empty target directory each; dependencies already downloaded) of a
# small app with default features, of the same app with only the derives, and of the `pdx` command in release.
# Prints crates compiled and wall time for each.
#
#   bash benches/build_cost.sh [PDX_DIR]     # PDX_DIR: the pdx checkout to measure (default: this one)
#
# Run it on an otherwise idle machine; the README's "Only the derives" shows one run. To compare with another
# revision, check it out in a worktree (`git worktree add /tmp/pdx-old REV`) and pass that directory.
set -euo pipefail
PDX="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

app() { # name, extra keys of the pdx dependency
  mkdir -p "$OUT/$1/src"
  cat >"$OUT/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.1.0"
edition = "2024"
[dependencies]
pdx = { path = "$PDX" $2 }
serde = { version = "1", features = ["derive"] }
[workspace]
TOML
  cat >"$OUT/$1/src/main.rs" <<'RS'
use pdx::JsonPanel;
use pdx::panel::JsonPanel as _;
#[derive(serde::Serialize, JsonPanel)]
struct Order { #[panel(header)] number: String, total: f64 }
fn main() { println!("{}", Order::data_structure().to_string_pretty()); }
RS
  cp "$PDX/Cargo.lock" "$OUT/$1/Cargo.lock"
}

build() { # slug, label, directory, cargo build arguments...
  local slug="$1" label="$2" dir="$3"
  shift 3
  local start end
  start=$(date +%s.%N)
  (cd "$dir" && CARGO_TARGET_DIR="$OUT/target-$slug" cargo build "$@" 2>&1) >"$OUT/$slug.log"
  end=$(date +%s.%N)
  printf '%-28s %4s crates %6.0f s\n' "$label" "$(grep -c '^ *Compiling ' "$OUT/$slug.log")" \
    "$(echo "$end - $start" | bc)"
}

app app-default ""
app app-derive ', default-features = false, features = ["derive"]'
build app-default "app, default features" "$OUT/app-default"
build app-derive "app, derive only" "$OUT/app-derive"
build cli-release "pdx command (release)" "$PDX" --release -p pdx-cli
