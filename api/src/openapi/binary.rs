//! Files answered as files: a response whose media type is not JSON, problem+json or CSV is
//! declared as a string of that media type (`contentMediaType`, OpenAPI 3.1), so generated
//! clients hand back bytes. utoipa writes `Vec<u8>` as an array of integers.

use utoipa::openapi::schema::{Object, Schema, Type};
use utoipa::openapi::{OpenApi as Document, RefOr};

/// Media types answered as files.
const FILE_TYPES: [&str; 4] = ["application/pdf", "image/jpeg", "image/png", "image/webp"];

pub fn declare(doc: &mut Document) {
    for item in doc.paths.paths.values_mut() {
        let Some(get) = item.get.as_mut() else {
            continue;
        };
        for response in get.responses.responses.values_mut() {
            let RefOr::T(response) = response else {
                continue;
            };
            for (media, content) in response.content.iter_mut() {
                if let RefOr::T(content) = content
                    && FILE_TYPES.contains(&media.as_str())
                {
                    let file = Object::builder()
                        .schema_type(Type::String)
                        .content_media_type(media.clone())
                        .build();
                    content.schema = Some(RefOr::T(Schema::Object(file)));
                }
            }
        }
    }
}
