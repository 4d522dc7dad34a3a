//! The route table, read from the OpenAPI document so it cannot drift from the routes:
//! it answers 405 (with `Allow`) when a path exists under another method, 404 otherwise, and
//! refuses query parameters an operation does not document, so a typo is never ignored.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{Error, HttpRequest, HttpResponse, web};
use utoipa::openapi::RefOr;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};

use crate::problem::{ApiError, FieldIssue};

/// One documented operation: its method and the query parameters it takes.
#[derive(Debug, Clone)]
struct Route {
    method: Method,
    query: Vec<String>,
}

/// Each documented path template with its operations.
#[derive(Debug, Clone, Default)]
pub struct RouteTable(Vec<(Vec<String>, Vec<Route>)>);

fn routes_of(item: &PathItem) -> Vec<Route> {
    let operations: [(Method, &Option<Operation>); 5] = [
        (Method::GET, &item.get),
        (Method::PUT, &item.put),
        (Method::POST, &item.post),
        (Method::DELETE, &item.delete),
        (Method::PATCH, &item.patch),
    ];
    operations
        .into_iter()
        .filter_map(|(method, operation)| {
            let query = operation
                .as_ref()?
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    RefOr::T(p) if p.parameter_in == ParameterIn::Query => Some(p.name.clone()),
                    _ => None,
                })
                .collect();
            Some(Route { method, query })
        })
        .collect()
}

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                (
                    template.split('/').map(str::to_owned).collect(),
                    routes_of(item),
                )
            })
            .collect();
        RouteTable(routes)
    }

    fn at(&self, path: &str) -> Option<&[Route]> {
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
            .map(|(_, routes)| routes.as_slice())
    }
}

/// Default service: 405 with `Allow` for a known path, 404 for anything else.
pub async fn unmatched_route(
    req: HttpRequest,
    table: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    Err(match table.at(req.path()) {
        Some(routes) if !routes.iter().any(|r| r.method == req.method()) => {
            ApiError::MethodNotAllowed(routes.iter().map(|r| r.method.clone()).collect())
        }
        _ => ApiError::RouteNotFound,
    })
}

/// Middleware: 400 for query parameters the operation does not document.
pub async fn reject_unknown_query(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, Error> {
    let unknown = req.app_data::<web::Data<RouteTable>>().and_then(|table| {
        let route = table
            .at(req.path())?
            .iter()
            .find(|r| r.method == req.method())?;
        let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).ok()?;
        pairs
            .0
            .into_iter()
            .map(|(name, _)| name)
            .find(|name| !route.query.contains(name))
    });
    match unknown {
        // An answer, not an `Err`, so the outer middleware still stamps and counts it.
        Some(name) => {
            let issue = FieldIssue::new(name, "unknown_parameter");
            let error: Error = ApiError::InvalidParameter(vec![issue]).into();
            Ok(req.error_response(error).map_into_right_body())
        }
        None => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body),
    }
}
