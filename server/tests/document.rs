//! The API document describes every synced record kind in full, from its type: a kind
//! whose schema is missing or lacks a field of its record fails here.

use app::domain::kind::RecordKind;
use app::store::{each_kind, Change, KindVisitor};
use serde_json::Value;

struct Described(Value);

impl KindVisitor for Described {
    fn visit<K: RecordKind + Into<Change>>(&mut self) {
        let name = std::any::type_name::<K>().rsplit("::").next().unwrap();
        let schema = &self.0["components"]["schemas"][name];
        let properties = schema["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name}: a schema with properties"));
        let example = serde_json::to_value(K::example()).unwrap();
        for key in example.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "{name}.{key} in its schema");
        }
        for required in schema["required"].as_array().into_iter().flatten() {
            let key = required.as_str().unwrap();
            assert!(
                example.get(key).is_some(),
                "{name}.{key} required but not sent"
            );
        }
        let wire = &self.0["components"]["schemas"]["Change"];
        assert!(
            wire.to_string()
                .contains(&format!("#/components/schemas/{name}")),
            "Change names {name}"
        );
    }
}

#[test]
fn every_record_kind_has_its_full_schema_in_the_api_document() {
    let document: Value = serde_json::from_str(server::api::document::DOCUMENT.as_str()).unwrap();
    each_kind(&mut Described(document));
}

#[test]
fn every_reference_in_the_document_resolves() {
    let document: Value = serde_json::from_str(server::api::document::DOCUMENT.as_str()).unwrap();
    let text = document.to_string();
    for reference in text.split("\"$ref\":\"").skip(1) {
        let target = reference.split('"').next().unwrap();
        let pointer = target.trim_start_matches('#');
        assert!(
            document.pointer(pointer).is_some(),
            "{target} does not resolve"
        );
    }
}
