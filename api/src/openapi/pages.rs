//! List pages name their item schema: utoipa writes `Page<ComplaintView>`'s items inline, so
//! every generator made a second model per resource (`PageComplaintViewItemsItem`). Each
//! `Page_X` whose `X` is a named schema gets `items: {$ref: X}` instead.

use utoipa::openapi::schema::{ArrayItems, Schema};
use utoipa::openapi::{OpenApi as Document, Ref, RefOr};

pub fn name_items(doc: &mut Document) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let named: Vec<String> = components.schemas.keys().cloned().collect();
    for (name, schema) in components.schemas.iter_mut() {
        let Some(item) = name.strip_prefix("Page_") else {
            continue;
        };
        if !named.iter().any(|n| n == item) {
            continue;
        }
        let RefOr::T(Schema::Object(page)) = schema else {
            continue;
        };
        if let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") {
            items.items =
                ArrayItems::RefOrSchema(Box::new(RefOr::Ref(Ref::from_schema_name(item))));
        }
    }
}
