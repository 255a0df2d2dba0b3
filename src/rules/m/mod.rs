//! M — Measurable.
