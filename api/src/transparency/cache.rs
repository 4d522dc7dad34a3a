//! Scorecards kept for a minute: the public asks for the same business's card again and again,
//! and counting ten thousand cases for each ask would crowd out everything else. A card is at
//! most a minute behind the cases; the open dataset itself is never cached.

use std::collections::HashMap;
use std::sync::Mutex;

use ccms_domain::transparency::Scorecard;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// How long a card is served before it is counted again.
const FRESH_FOR: Duration = Duration::seconds(60);
/// Cards kept at most; past that the cache starts over (any period can be asked for).
const MOST: usize = 10_000;

type Key = (Uuid, Option<String>, Option<String>);

#[derive(Default)]
pub struct ScorecardCache(Mutex<HashMap<Key, (DateTime<Utc>, Scorecard)>>);

impl ScorecardCache {
    pub fn get(&self, key: &Key, now: DateTime<Utc>) -> Option<Scorecard> {
        let cards = self.0.lock().ok()?;
        cards
            .get(key)
            .filter(|(counted, _)| now - *counted < FRESH_FOR)
            .map(|(_, card)| card.clone())
    }

    pub fn keep(&self, key: Key, card: Scorecard, now: DateTime<Utc>) {
        if let Ok(mut cards) = self.0.lock() {
            if cards.len() >= MOST {
                cards.clear();
            }
            cards.insert(key, (now, card));
        }
    }
}
