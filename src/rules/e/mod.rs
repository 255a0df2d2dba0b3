//! E — Execution plan: every leaf goal has actions, and every action is complete and fits
//! its goal.

pub mod e001_leaf_without_action;
pub mod e002_action_owner_missing;
pub mod e003_action_dates_missing;
pub mod e004_action_end_before_start;
pub mod e005_action_outside_goal_period;
pub mod e006_action_goal_unknown;
pub mod e007_action_no_resources;

pub use e001_leaf_without_action::LeafWithoutAction;
pub use e002_action_owner_missing::ActionOwnerMissing;
pub use e003_action_dates_missing::ActionDatesMissing;
pub use e004_action_end_before_start::ActionEndBeforeStart;
pub use e005_action_outside_goal_period::ActionOutsideGoalPeriod;
pub use e006_action_goal_unknown::ActionGoalUnknown;
pub use e007_action_no_resources::ActionNoResources;

use crate::model::Action;

/// An action as messages name it: its id, else its text, else its row.
pub fn action_label(action: &Action) -> String {
    if let Some(id) = action.id.shown() {
        return id;
    }
    match action.action.text() {
        Some(t) => format!("\"{}\"", t.chars().take(24).collect::<String>()),
        None => format!("row {}", action.row + 1),
    }
}
