//! `Problem.code` as the contract's enum of every stable code, taken from the one catalog
//! (`problem::ProblemCode`), so a client can switch on it and a new code reaches the
//! contract with the catalog row that defines it.

use utoipa::openapi::schema::{Object, Schema, Type};
use utoipa::openapi::{OpenApi as Document, RefOr};

use crate::problem::ProblemCode;

pub fn enumerate(doc: &mut Document) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let Some(RefOr::T(Schema::Object(problem))) = components.schemas.get_mut("Problem") else {
        return;
    };
    let codes: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
    let code = Object::builder()
        .schema_type(Type::String)
        .description(Some(
            "Stable machine code, the same in every language (see docs/api-conventions.md).",
        ))
        .enum_values(Some(codes))
        .build();
    problem
        .properties
        .insert("code".into(), RefOr::T(Schema::Object(code)));
}
