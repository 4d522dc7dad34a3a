#![doc = include_str!("../README.md")]

pub mod admin;
/// The injected time, from the use-case layer (where the worker reads it too).
pub use ccms_usecases::clock;
pub mod application;
pub mod audit;
pub mod auth;
pub mod authority;
pub mod calendar;
pub mod collective;
pub mod complaints;
pub mod context;
pub mod dispatch;
pub mod evidence_store;
pub mod http;
pub mod identity;
pub mod intake;
pub mod openapi;
mod operations;
pub mod policy;
pub mod privacy;
pub mod problem;
pub mod registry;
pub mod request;
pub mod sandbox;
pub mod seed;
pub mod settings;
pub mod transparency;
pub mod triage;
pub mod webhooks;
pub mod worker;

pub use application::{Application, StartError};
pub use settings::Settings;
