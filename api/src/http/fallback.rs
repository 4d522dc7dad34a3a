//! Answers for requests no handler matched: 405 with `Allow` when the path exists under
//! another method, 404 otherwise. The path table comes from the OpenAPI document, so it
//! cannot drift from the routes.

use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::problem::ApiError;

/// Each documented path template with the methods it accepts.
#[derive(Debug, Clone, Default)]
pub struct RouteTable(Vec<(Vec<String>, Vec<Method>)>);

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(str::to_owned).collect();
                let methods: Vec<Method> = [
                    (item.get.is_some(), Method::GET),
                    (item.put.is_some(), Method::PUT),
                    (item.post.is_some(), Method::POST),
                    (item.delete.is_some(), Method::DELETE),
                    (item.patch.is_some(), Method::PATCH),
                ]
                .into_iter()
                .filter_map(|(present, method)| present.then_some(method))
                .collect();
                (segments, methods)
            })
            .collect();
        RouteTable(routes)
    }

    /// Methods accepted at `path`, if any documented template matches it.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let segments: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(template, _)| {
                template.len() == segments.len()
                    && template
                        .iter()
                        .zip(&segments)
                        .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
            })
            .map(|(_, methods)| methods.clone())
    }
}

pub async fn unmatched_route(
    req: HttpRequest,
    routes: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    Err(match routes.allowed(req.path()) {
        Some(methods) if !methods.contains(req.method()) => ApiError::MethodNotAllowed(methods),
        _ => ApiError::RouteNotFound,
    })
}
