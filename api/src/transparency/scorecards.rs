//! Business scorecards, tallied from the open dataset's rows.

use actix_web::{HttpResponse, get, web};
use ccms_domain::registry::{Business, BusinessStatus};
use ccms_domain::transparency::{Scorecard, ScorecardTally};
use ccms_persistence::collective::surges;
use ccms_persistence::registry::businesses::{self, BusinessFilter};
use ccms_persistence::transparency::scorecard_counts;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::cache::ScorecardCache;
use super::period::{Period, PeriodQuery};
use crate::context::AppContext;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// The scorecard of `business` over `period`, from the database's counts or, if counted in
/// the last minute, from the cache.
fn scorecard(
    conn: &mut DbConnection,
    business: &Business,
    period: &Period,
    (cache, now): (&ScorecardCache, DateTime<Utc>),
) -> Result<Scorecard, ApiError> {
    let key = (
        business.id,
        period.from_month.clone(),
        period.to_month.clone(),
    );
    // The counts may come from the cache; whether a surge is on is read each time.
    let surge_notice = surges::open_for(conn, business.id)?.map(|s| s.notice());
    if let Some(card) = cache.get(&key, now) {
        return Ok(Scorecard {
            surge_notice,
            ..card
        });
    }
    let counts = scorecard_counts(conn, business.id, (period.from, period.until), now)?;
    let name = business.details.legal_name.as_str().to_owned();
    let card = ScorecardTally::of_counts(counts).finish(
        business.id,
        name,
        (period.from_month.clone(), period.to_month.clone()),
    );
    cache.keep(key, card.clone(), now);
    Ok(Scorecard {
        surge_notice,
        ..card
    })
}

/// Business scorecards
///
/// For each registered business, over the chosen months (Dhaka time), from the open dataset's
/// rows: `received` (cases filed against it); `resolved_by_business_share` (cases that ended
/// resolved by the business ÷ received); `acted_within_72h_share` (cases whose first move by the
/// business came within 72 hours of filing ÷ received); `median_first_response_hours` (median of
/// `first_response_minutes` over the cases it acted on, the mean of the middle two when even,
/// ÷ 60); `escalations` (cases escalated to the directorate); `upheld` (complaints the
/// directorate upheld); `reopened` (cases the consumer reopened because the agreed remedy never
/// came: such a case is resolved by the business no longer, and has no outcome until it closes
/// again). Shares have 4 decimals, hours 2. A card is counted at most once a
/// minute, so it may be up to a minute behind the dataset. Anyone, without signing in.
#[utoipa::path(operation_id = "list_scorecards", tag = "transparency", params(PeriodQuery, PageQuery),
    security(()),
    responses((status = 200, description = "One page of scorecards, by business", body = Page<Scorecard>)))]
#[get("/public/scorecards")]
pub async fn list_scorecards(
    ctx: web::Data<AppContext>,
    scorecards: web::Data<crate::transparency::ScorecardCache>,
    period: web::Query<PeriodQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (period, page) = (period.period()?, page.request()?);
    let (scorecards, now) = (scorecards.into_inner(), ctx.now());
    let cards = ctx
        .read(move |conn| {
            // As the public registry: suspended businesses are not shown.
            let active = BusinessFilter {
                status: Some(BusinessStatus::Active),
                ..BusinessFilter::default()
            };
            let listed = businesses::list(conn, &active, &page)?;
            let mut cards = Vec::with_capacity(listed.items.len());
            for business in &listed.items {
                cards.push(scorecard(conn, business, &period, (&scorecards, now))?);
            }
            Ok(ccms_persistence::Page {
                items: cards,
                next_cursor: listed.next_cursor,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(cards, |c| c)))
}

/// A business's scorecard
///
/// As in the list, for one business.
#[utoipa::path(operation_id = "get_scorecard", tag = "transparency",
    params(("business_id" = Uuid, Path, description = "The business"), PeriodQuery), security(()),
    responses((status = 200, description = "The scorecard", body = Scorecard)))]
#[get("/public/scorecards/{business_id}")]
pub async fn get_scorecard(
    ctx: web::Data<AppContext>,
    scorecards: web::Data<crate::transparency::ScorecardCache>,
    id: web::Path<Uuid>,
    period: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let (period, id) = (period.period()?, id.into_inner());
    let (scorecards, now) = (scorecards.into_inner(), ctx.now());
    let card = ctx
        .read(move |conn| {
            let business = match businesses::find(conn, id) {
                Ok(b) if b.details.status == BusinessStatus::Active => b,
                Ok(_) | Err(StoreError::NotFound) => return Err(ApiError::NotFound),
                Err(other) => return Err(other.into()),
            };
            scorecard(conn, &business, &period, (&scorecards, now))
        })
        .await?;
    Ok(HttpResponse::Ok().json(card))
}
