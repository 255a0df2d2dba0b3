//! The budget part of a By owner / By channel sheet: per key the goals' budgets that count
//! (a parent's budget equal to its children's sum is their total) and the planned budgets
//! of their actions, as SUMIFS over the goal sheet's budget and helper columns, with a total.

use std::collections::HashSet;

use rust_xlsxwriter::{Format, XlsxError};

use super::formulas::*;
use super::*;

impl RollupSheet<'_> {
    /// Below the table: per key, the goals' budgets that count (a parent's budget equal to
    /// its children's sum is not counted again) and the actions' planned budgets, with a
    /// total; SUMIFS over the goal sheet's budget and planned helper columns.
    pub(super) fn write_budget(&mut self, top: u32, limits: &mut Limits) -> Result<(), XlsxError> {
        let budget = &self.rollup.budget;
        if budget.is_empty() {
            return Ok(());
        }
        let lang = self.ctx.lang;
        self.ws
            .write_string_with_format(top, 0, lang.pick("Budget", "预算"), &Styles::bold())?;
        self.ws.write_string_with_format(
            top,
            1,
            lang.pick(
                "goal budgets counted once (a parent's budget equal to its children's sum is their total); planned = the budgets of the goals' actions",
                "目标预算只计一次（上级预算等于下级之和时视为合计）；计划使用 = 各目标下行动计划的预算",
            ),
            &Styles::note(),
        )?;
        let header_row = top + 1;
        let mut heads = vec![self.key_label(), lang.pick("Goal budget", "目标预算")];
        if self.has_planned() {
            heads.push(lang.pick("Planned (actions)", "计划使用（行动）"));
        }
        for (c, h) in heads.iter().enumerate() {
            self.ws
                .write_string_with_format(header_row, c as u16, *h, &Styles::header())?;
        }
        // These headers sit over the main table's narrow unit column: room for two lines.
        self.ws.set_row_height(header_row, 30)?;
        let mut row = header_row + 1;
        let live = !self.as_values;
        for b in budget {
            if row + 1 >= crate::write::review::MAX_ROWS {
                limits.cut_rows += 1;
                break;
            }
            self.write_budget_row(row, b, live, limits)?;
            row += 1;
        }
        let bold = total_format(Format::new());
        self.ws
            .write_string_with_format(row, KEY_COL, lang.pick("Total", "合计"), &bold)?;
        for c in (1u16..=2).take(heads.len() - 1) {
            let value = (header_row + 1..row)
                .map(|r| self.budget_stored.get(&(r, c)).copied())
                .try_fold(0.0, |acc, v| v.map(|x| acc + x))
                .map_or(Value::Unknown, |x| Value::Num(crate::rollup::tidy(x)));
            let f = format!(
                "SUM({}:{})",
                cell_ref(header_row + 1, c),
                cell_ref(row - 1, c)
            );
            self.write_total(row, c, &f, value, false)?;
        }
        Ok(())
    }

    /// The plan has an action sheet with a budget column: the planned column is written.
    fn has_planned(&self) -> bool {
        self.ctx
            .plan
            .actions
            .as_ref()
            .is_some_and(|a| a.columns.contains_key(&crate::model::ActionField::Budget))
    }

    fn write_budget_row(
        &mut self,
        row: u32,
        b: &BudgetRow,
        live: bool,
        limits: &mut Limits,
    ) -> Result<(), XlsxError> {
        let info = self.info;
        let key = b.keys.first().cloned().unwrap_or_default();
        let shown = if key.is_empty() {
            self.by.none_label(self.ctx.lang).to_string()
        } else {
            key.clone()
        };
        let key_text = limits.cell_text(&shown);
        self.widths.see(0, &key_text);
        self.ws.write_string(row, KEY_COL, key_text)?;
        let helper = self.helper_of.get(&Key::new(&key)).cloned();
        let helper = helper.filter(|h| live && exact_criterion(h).chars().count() <= 255);
        let Some(helper) = helper else {
            let planned = self.has_planned().then_some((2, b.planned));
            for (c, v) in [(1u16, b.budget)].into_iter().chain(planned) {
                let v = v.unwrap_or(0.0);
                write_static(&mut self.ws, row, c, v, false)?;
                self.budget_stored.insert((row, c), v);
            }
            return Ok(());
        };
        let rows: &[&HelperRow] = self
            .by_key
            .get(&helper.to_lowercase())
            .map_or(&[], Vec::as_slice);
        let key_col = match self.by {
            By::Owner => info.owner_col,
            By::Channel => info.channel_col,
        };
        let key_crit = format!(
            "{},{}",
            self.ranges.range(key_col),
            literal(&exact_criterion(&helper))
        );
        // Goal budget: the budget cells whose flag says they count.
        let goal = match info.budget_col {
            Some(col) => {
                let v: f64 = rows
                    .iter()
                    .filter(|h| h.counted_budget)
                    .filter_map(|h| info.numbers.get(h.row, col))
                    .sum();
                let f = format!(
                    "SUMIFS({},{key_crit},{},1)",
                    self.ranges.range(col),
                    self.ranges.range(info.budget_flag_col)
                );
                write_formula(&mut self.ws, row, 1, &f, Value::Num(v), false)?;
                v
            }
            None => {
                write_static(&mut self.ws, row, 1, 0.0, false)?;
                0.0
            }
        };
        self.budget_stored.insert((row, 1), goal);
        if !self.has_planned() {
            return Ok(());
        }
        // Planned: each goal's planned helper (its actions' budgets) by key.
        let mut seen = HashSet::new();
        let planned: f64 = rows
            .iter()
            .filter(|h| seen.insert(h.row))
            .filter_map(|h| info.numbers.get(h.row, info.planned_col))
            .sum();
        let f = format!("SUMIFS({},{key_crit})", self.ranges.range(info.planned_col));
        write_formula(&mut self.ws, row, 2, &f, Value::Num(planned), false)?;
        self.budget_stored.insert((row, 2), planned);
        Ok(())
    }
}
