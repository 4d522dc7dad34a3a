//! Queries of accounts, one-time codes, refresh tokens, partner clients and throttles.
//! Secrets arrive here already hashed; nothing here sees a password or a code.

pub mod accounts;
pub mod otp;
pub mod partners;
pub mod refresh_tokens;
pub mod throttles;
