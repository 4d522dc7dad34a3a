//! Rebuilds this crate when a migration is added or changed: `embed_migrations!` reads the
//! folders at compile time, and without this cargo would keep a binary that lacks a new one.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
