use ccms_persistence::PageRequest;
use ccms_persistence::page::MAX_LIMIT;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::problem::ApiError;

/// `limit` and `cursor`, shared by every list endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1-100 (default 20).
    #[param(required = false, value_type = i64, minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` from the previous page; omit for the first page.
    #[param(required = false, value_type = String, pattern = "^[A-Za-z0-9_-]{24}$")]
    pub cursor: Option<String>,
}

impl PageQuery {
    pub fn request(&self) -> Result<PageRequest, ApiError> {
        if self
            .limit
            .is_some_and(|limit| !(1..=MAX_LIMIT).contains(&limit))
        {
            return Err(ApiError::invalid_parameter("limit", "range"));
        }
        let well_formed = |c: &String| {
            c.len() == 24
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if self.cursor.as_ref().is_some_and(|c| !well_formed(c)) {
            return Err(ApiError::InvalidCursor);
        }
        Ok(PageRequest {
            limit: self.limit,
            cursor: self.cursor.clone(),
        })
    }
}

/// One page of a list. Pass `next_cursor` back as `cursor` for the next; absent on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T: ToSchema> Page<T> {
    pub fn from<U>(page: ccms_persistence::Page<U>, view: impl FnMut(U) -> T) -> Page<T> {
        let page = page.map(view);
        Page {
            items: page.items,
            next_cursor: page.next_cursor,
        }
    }
}
