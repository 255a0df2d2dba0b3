//! D — Data: duplicate ids, formula errors, totals rows that disagree, unrecognised columns,
//! numbers the file's decimal-mark convention cannot settle, formulas without a stored
//! result that cannot be computed.

pub mod d001_duplicate_id;
pub mod d002_formula_error;
pub mod d003_totals_mismatch;
pub mod d004_columns_unrecognised;
pub mod d005_formula_not_computed;
pub mod d006_number_ambiguous;

pub use d001_duplicate_id::DuplicateId;
pub use d002_formula_error::FormulaError;
pub use d003_totals_mismatch::TotalsMismatch;
pub use d004_columns_unrecognised::ColumnsUnrecognised;
pub use d005_formula_not_computed::FormulaNotComputed;
pub use d006_number_ambiguous::NumberAmbiguous;
