//! The HTTP crate's areas (its top-level modules) use each other in one direction only, so each
//! can be read, changed and tested with only what is below it (ARCHITECTURE.md, "The layers").

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The leading identifier of `text`.
fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The areas a file names through `crate::area` or `crate::{area, ..}`.
fn named_areas(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut start) = (0, 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        names.insert(identifier(group[start..i].trim()).to_owned());
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.insert(identifier(group[start..i].trim()).to_owned());
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            names.insert(identifier(rest).to_owned());
        }
    }
    names
}

/// A circle of areas reachable from `area`, if there is one.
fn circle_from(
    area: &str,
    uses: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|a| a == area) {
        let mut circle = path[at..].to_vec();
        circle.push(area.to_owned());
        return Some(circle);
    }
    if done.contains(area) {
        return None;
    }
    path.push(area.to_owned());
    for next in uses.get(area).into_iter().flatten() {
        if let Some(circle) = circle_from(next, uses, path, done) {
            return Some(circle);
        }
    }
    path.pop();
    done.insert(area.to_owned());
    None
}

#[test]
fn the_http_crates_areas_use_each_other_in_one_direction_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let area_of = |file: &Path| -> String {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        first.to_string_lossy().trim_end_matches(".rs").to_owned()
    };
    let areas: BTreeSet<String> = files.iter().map(|f| area_of(f)).collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let area = area_of(file);
        if area == "lib" || area == "main" {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        for named in named_areas(&source) {
            if named != area && areas.contains(&named) {
                uses.entry(area.clone()).or_default().insert(named);
            }
        }
    }
    assert!(uses.len() > 10, "too few areas found: {uses:?}");
    let mut done = BTreeSet::new();
    for area in uses.keys() {
        let circle = circle_from(area, &uses, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "areas use each other in a circle: {circle:?}"
        );
    }
}

#[test]
fn a_group_import_names_each_area_it_reaches() {
    let found = named_areas("use crate::{openapi, seed::{a, b}};\nuse crate::problem::ApiError;");
    let expected: BTreeSet<String> = ["openapi", "problem", "seed"].map(String::from).into();
    assert_eq!(found, expected);
}
