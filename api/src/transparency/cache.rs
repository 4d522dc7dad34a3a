//! Scorecards kept for a minute: the public asks for the same business's card again and again,
//! and counting ten thousand cases for each ask would crowd out everything else. A card is at
//! most a minute behind the cases (a little more while it is being counted again); the open
//! dataset itself is never cached.
//!
//! When a card goes stale, the first ask counts it again and the asks meanwhile get the stale
//! card, so a busy business's card is never counted by many requests at once.

use std::collections::HashMap;
use std::sync::Mutex;

use ccms_domain::transparency::Scorecard;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// How long a card is served before it is counted again.
const FRESH_FOR: Duration = Duration::seconds(60);
/// How long a recount may take before another ask tries (the first one failed or hung).
const RECOUNT_FOR: Duration = Duration::seconds(30);
/// Recounts of stale cards at once: cards counted together a minute ago go stale together, and
/// counting them all at once would stall every other request; the rest are served stale
/// meanwhile. (A card never counted is counted by whoever asks for it.)
const RECOUNTS_AT_ONCE: usize = 2;
/// Cards kept at most; past that the cache starts over (any period can be asked for).
const MOST: usize = 10_000;

type Key = (Uuid, Option<String>, Option<String>);

struct Kept {
    counted: DateTime<Utc>,
    card: Scorecard,
    /// When an ask started counting it again.
    recounting: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct Cards {
    kept: HashMap<Key, Kept>,
}

impl Cards {
    /// Recounts started less than `RECOUNT_FOR` ago (one that failed stops counting then).
    fn recounting(&self, now: DateTime<Utc>) -> usize {
        self.kept
            .values()
            .filter(|k| {
                k.recounting
                    .is_some_and(|started| now - started < RECOUNT_FOR)
            })
            .count()
    }
}

#[derive(Default)]
pub struct ScorecardCache(Mutex<Cards>);

impl ScorecardCache {
    /// The card to answer with, or `None` when the caller is to count it (and `keep` it).
    pub fn get(&self, key: &Key, now: DateTime<Utc>) -> Option<Scorecard> {
        let mut cards = self.0.lock().ok()?;
        let kept = cards.kept.get(key)?;
        if now - kept.counted < FRESH_FOR {
            return Some(kept.card.clone());
        }
        let busy = cards.recounting(now) >= RECOUNTS_AT_ONCE;
        let kept = cards.kept.get_mut(key)?;
        match kept.recounting {
            // Its recount hung or failed: this ask takes over its place.
            Some(started) if now - started >= RECOUNT_FOR => {
                kept.recounting = Some(now);
                None
            }
            Some(_) => Some(kept.card.clone()),
            None if busy => Some(kept.card.clone()),
            None => {
                kept.recounting = Some(now);
                None
            }
        }
    }

    pub fn keep(&self, key: Key, card: Scorecard, now: DateTime<Utc>) {
        if let Ok(mut cards) = self.0.lock() {
            if cards.kept.len() >= MOST {
                cards.kept.clear();
            }
            let kept = Kept {
                counted: now,
                card,
                recounting: None,
            };
            cards.kept.insert(key, kept);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn card(received: u64) -> Scorecard {
        let counts = ccms_domain::transparency::ScorecardCounts {
            received,
            ..Default::default()
        };
        let tally = ccms_domain::transparency::ScorecardTally::of_counts(counts);
        tally.finish(Uuid::nil(), "Shop".into(), (None, None))
    }

    #[test]
    fn a_stale_card_is_recounted_by_one_ask_while_the_others_get_it_stale() {
        let (cache, key) = (ScorecardCache::default(), (Uuid::nil(), None, None));
        let t0 = Utc.with_ymd_and_hms(2026, 11, 1, 4, 0, 0).unwrap();
        assert!(cache.get(&key, t0).is_none(), "nothing kept yet");
        cache.keep(key.clone(), card(1), t0);
        let fresh = t0 + Duration::seconds(59);
        assert_eq!(cache.get(&key, fresh).map(|c| c.received), Some(1));
        let stale = t0 + Duration::seconds(61);
        assert!(cache.get(&key, stale).is_none(), "the first ask recounts");
        assert_eq!(cache.get(&key, stale).map(|c| c.received), Some(1));
        let hung = stale + RECOUNT_FOR;
        assert!(
            cache.get(&key, hung).is_none(),
            "a hung recount is tried again"
        );
        cache.keep(key.clone(), card(2), hung);
        assert_eq!(cache.get(&key, hung).map(|c| c.received), Some(2));
    }

    /// Three businesses' cards, counted together and gone stale together.
    fn three_stale_cards() -> (ScorecardCache, Vec<Key>, DateTime<Utc>) {
        let cache = ScorecardCache::default();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 1, 4, 0, 0).unwrap();
        let keys: Vec<Key> = (0..3u128)
            .map(|n| (Uuid::from_u128(n), None, None))
            .collect();
        for key in &keys {
            cache.keep(key.clone(), card(1), t0);
        }
        (cache, keys, t0 + Duration::seconds(61))
    }

    #[test]
    fn no_more_than_two_stale_cards_are_recounted_at_once() {
        let (cache, keys, stale) = three_stale_cards();
        let recounted: Vec<bool> = keys.iter().map(|k| cache.get(k, stale).is_none()).collect();
        assert_eq!(recounted, [true, true, false]);
        cache.keep(keys[0].clone(), card(2), stale);
        assert!(cache.get(&keys[2], stale).is_none(), "a place came free");
    }

    #[test]
    fn a_failed_recount_gives_its_place_back_after_a_while() {
        let (cache, keys, stale) = three_stale_cards();
        // Two recounts start and never finish.
        assert!(cache.get(&keys[0], stale).is_none());
        assert!(cache.get(&keys[1], stale).is_none());
        assert!(
            cache.get(&keys[2], stale).is_some(),
            "both places are taken"
        );
        let later = stale + RECOUNT_FOR;
        assert!(cache.get(&keys[2], later).is_none(), "the places came back");
    }
}
