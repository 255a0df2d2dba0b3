//! A — Achievable.
