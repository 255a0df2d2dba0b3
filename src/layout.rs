//! layout stage
