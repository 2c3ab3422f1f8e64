//! Three-way merge of a record edited on two sides. Fields changed on one side only are
//! taken from that side; a text changed differently on both sides keeps the server's
//! text in place and both versions in `conflicts` (the record is flagged); any other
//! field changed on both sides takes the later edit. Nothing is lost either way: every
//! version stays in the history.

use app::domain::{TextConflict, TextField};
use serde_json::{Map, Value};

/// Bookkeeping fields that are not merged field by field.
const SKIPPED: [&str; 3] = ["base_version", "conflicts", "updated_at_ms"];

/// Merges `mine` (the pushed record) into `theirs` (the server's current record), both
/// derived from `base`. Records are JSON objects of the same entity, whose free texts
/// (its declared `MERGE_TEXTS`) are `texts`.
pub fn merge(base: &Value, mine: &Value, theirs: &Value, texts: &[TextField]) -> Value {
    let mut conflicts = merge_conflict_lists(base, mine, theirs);
    let mine_later = stamp(mine) > stamp(theirs);
    let mut merged = merge_object(base, mine, theirs, "", mine_later, texts, &mut conflicts);
    if let Value::Object(map) = &mut merged {
        map.insert(
            "updated_at_ms".into(),
            Value::from(stamp(mine).max(stamp(theirs))),
        );
        map.insert(
            "conflicts".into(),
            serde_json::to_value(&conflicts).unwrap_or(Value::Array(vec![])),
        );
    }
    merged
}

fn stamp(record: &Value) -> i64 {
    record
        .get("updated_at_ms")
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

/// Open conflicts of both sides, minus those one side resolved since the base.
fn merge_conflict_lists(base: &Value, mine: &Value, theirs: &Value) -> Vec<TextConflict> {
    let (b, m, t) = (
        existing_conflicts(base),
        existing_conflicts(mine),
        existing_conflicts(theirs),
    );
    let mut out: Vec<TextConflict> = Vec::new();
    for c in t.iter().chain(m.iter()) {
        let resolved = b.contains(c) && (!m.contains(c) || !t.contains(c));
        if !resolved && !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

fn existing_conflicts(record: &Value) -> Vec<TextConflict> {
    record
        .get("conflicts")
        .and_then(|c| serde_json::from_value(c.clone()).ok())
        .unwrap_or_default()
}

fn merge_object(
    base: &Value,
    mine: &Value,
    theirs: &Value,
    path: &str,
    mine_later: bool,
    texts: &[TextField],
    conflicts: &mut Vec<TextConflict>,
) -> Value {
    let empty = Map::new();
    let (b, m, t) = (
        as_map(base, &empty),
        as_map(mine, &empty),
        as_map(theirs, &empty),
    );
    let mut out = t.clone();
    for key in m.keys().chain(t.keys()) {
        if SKIPPED.contains(&key.as_str()) && path.is_empty() {
            continue;
        }
        let field = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let (bv, mv, tv) = (
            b.get(key).unwrap_or(&Value::Null),
            m.get(key).unwrap_or(&Value::Null),
            t.get(key).unwrap_or(&Value::Null),
        );
        let value = if mv == tv || mv == bv {
            tv.clone()
        } else if tv == bv {
            mv.clone()
        } else if mv.is_object() && tv.is_object() {
            merge_object(bv, mv, tv, &field, mine_later, texts, conflicts)
        } else if let (Some(mine_text), Some(their_text)) = (mv.as_str(), tv.as_str()) {
            if let Some(field) = TextField::from_code(&field).filter(|f| texts.contains(f)) {
                let conflict = TextConflict {
                    field,
                    mine: mine_text.into(),
                    theirs: their_text.into(),
                };
                if !conflicts.contains(&conflict) {
                    conflicts.push(conflict);
                }
                tv.clone()
            } else if mine_later {
                mv.clone()
            } else {
                tv.clone()
            }
        } else if mine_later {
            mv.clone()
        } else {
            tv.clone()
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

fn as_map<'a>(value: &'a Value, empty: &'a Map<String, Value>) -> &'a Map<String, Value> {
    value.as_object().unwrap_or(empty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::kind::RecordKind;
    use app::domain::Visit;
    use serde_json::json;

    fn merge(base: &Value, mine: &Value, theirs: &Value) -> Value {
        super::merge(base, mine, theirs, Visit::MERGE_TEXTS)
    }

    fn visit(note: &str, agreements: &str, kind: &str, at: i64) -> Value {
        json!({"note": note, "agreements": agreements, "kind": kind, "updated_at_ms": at, "signal": null})
    }

    #[test]
    fn edits_of_different_fields_both_survive() {
        let base = visit("a", "b", "home", 1);
        let merged = merge(
            &base,
            &visit("a2", "b", "home", 2),
            &visit("a", "b2", "home", 3),
        );
        assert_eq!(merged["note"], "a2");
        assert_eq!(merged["agreements"], "b2");
        assert_eq!(merged["conflicts"], json!([]));
        assert_eq!(merged["updated_at_ms"], 3);
    }

    #[test]
    fn the_same_text_changed_on_both_sides_keeps_both_and_flags() {
        let base = visit("we talked", "", "home", 1);
        let merged = merge(
            &base,
            &visit("we talked about sleep", "", "home", 2),
            &visit("we talked about food", "", "home", 3),
        );
        assert_eq!(merged["note"], "we talked about food");
        assert_eq!(
            merged["conflicts"],
            json!([{"field": "note", "mine": "we talked about sleep", "theirs": "we talked about food"}])
        );
    }

    #[test]
    fn other_fields_changed_on_both_sides_take_the_later_edit() {
        let base = visit("", "", "home", 1);
        assert_eq!(
            merge(&base, &visit("", "", "phone", 5), &visit("", "", "park", 3))["kind"],
            "phone"
        );
        assert_eq!(
            merge(&base, &visit("", "", "phone", 2), &visit("", "", "park", 3))["kind"],
            "park"
        );
    }

    #[test]
    fn a_signal_text_is_merged_inside_the_signal() {
        let base = json!({"signal": {"urgency": "soon", "text": "tired"}, "updated_at_ms": 1});
        let mine =
            json!({"signal": {"urgency": "urgent", "text": "very tired"}, "updated_at_ms": 2});
        let theirs = json!({"signal": {"urgency": "soon", "text": "tired, asked for help"}, "updated_at_ms": 3});
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged["signal"]["urgency"], "urgent");
        assert_eq!(merged["conflicts"][0]["field"], "signal.text");
    }

    proptest::proptest! {
        /// No text typed on either side is lost: each ends up in the record or in its conflicts.
        #[test]
        fn no_text_is_lost(base in "[a-c]{0,3}", mine in "[a-c]{0,3}", theirs in "[a-c]{0,3}") {
            let merged = merge(&visit(&base, "", "home", 1), &visit(&mine, "", "home", 2), &visit(&theirs, "", "home", 3));
            let kept: Vec<String> = std::iter::once(merged["note"].as_str().unwrap().to_string())
                .chain(merged["conflicts"].as_array().unwrap().iter().flat_map(|c| {
                    [c["mine"].as_str().unwrap().to_string(), c["theirs"].as_str().unwrap().to_string()]
                }))
                .collect();
            if mine != base {
                proptest::prop_assert!(kept.contains(&mine));
            }
            if theirs != base {
                proptest::prop_assert!(kept.contains(&theirs));
            }
        }
    }
}
