//! A required text field of a body, parsed into the domain's `Line`.

/// A required text field, parsed (no NUL, not blank, within `N` characters).
pub fn text<const N: usize>(
    field: &str,
    value: Option<&str>,
) -> Result<String, crate::problem::ApiError> {
    let raw = value.ok_or_else(|| {
        crate::problem::ApiError::Validation(vec![crate::problem::FieldIssue::new(
            field, "required",
        )])
    })?;
    ccms_domain::text::Line::<N>::parse(raw)
        .map(|line| line.as_str().to_owned())
        .map_err(|e| e.at(field).into())
}
