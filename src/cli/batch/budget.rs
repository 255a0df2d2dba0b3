//! A memory budget for reviewing plans in parallel, so that `--jobs N` over N large plans
//! cannot exhaust memory.
//!
//! The rule: the budget is half the memory the system reports available when the batch
//! starts (`MemAvailable` on Linux; 4 GiB where it cannot be read), at least 512 MiB. Each
//! plan is charged an estimate of its peak working set before it starts:
//! `64 MiB + 6 × its content size`, where the content size of a zip-based workbook (xlsx,
//! xlsm, xlsb, ods) is the total uncompressed size its directory declares (capped at the
//! reader's 2 GiB limit, beyond which the reader refuses it anyway) and otherwise the file's
//! size. A plan starts only when its charge fits beside the running ones; a plan whose charge
//! alone exceeds the budget runs by itself. `--jobs` still caps the number of threads.

use std::path::Path;
use std::sync::{Condvar, Mutex};

const MIB: u64 = 1 << 20;
/// Fixed part of a plan's charge: the rule tables, the workbook writer, the output buffer.
const BASE_CHARGE: u64 = 64 * MIB;
/// Bytes of working set per byte of content (cells, the plan, findings, the review's XML).
const CHARGE_PER_BYTE: u64 = 6;
const FALLBACK_AVAILABLE: u64 = 4096 * MIB;
const MIN_BUDGET: u64 = 512 * MIB;

/// Memory the system reports available, in bytes, when it can be read.
fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib.saturating_mul(1024))
}

/// The budget in bytes (see the module docs).
pub fn default_budget() -> u64 {
    (available_memory().unwrap_or(FALLBACK_AVAILABLE) / 2).max(MIN_BUDGET)
}

/// The estimated peak working set of reviewing `path`, in bytes.
pub fn charge(path: &Path) -> u64 {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let content = zip_content_size(path).unwrap_or(size);
    let content = content.min(crate::read::MAX_TOTAL_BYTES);
    BASE_CHARGE.saturating_add(content.saturating_mul(CHARGE_PER_BYTE))
}

/// The total uncompressed size a zip's central directory declares.
fn zip_content_size(path: &Path) -> Option<u64> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods") {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).ok()?;
        total = total.saturating_add(entry.size());
    }
    Some(total)
}

/// Shares the budget among worker threads.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    in_use: Mutex<u64>,
    freed: Condvar,
}

/// A plan's charge, returned to the budget when dropped.
#[derive(Debug)]
pub struct Lease<'a> {
    budget: &'a Budget,
    amount: u64,
}

impl Budget {
    /// A budget of `limit` bytes.
    pub fn new(limit: u64) -> Budget {
        Budget {
            limit,
            in_use: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Wait until `amount` fits beside what is running (or nothing is running), then take it.
    pub fn take(&self, amount: u64) -> Lease<'_> {
        let amount = amount.min(self.limit);
        let mut in_use = self.in_use.lock().unwrap_or_else(|p| p.into_inner());
        while *in_use > 0 && in_use.saturating_add(amount) > self.limit {
            in_use = self.freed.wait(in_use).unwrap_or_else(|p| p.into_inner());
        }
        *in_use += amount;
        Lease {
            budget: self,
            amount,
        }
    }

    /// Bytes currently taken.
    pub fn in_use(&self) -> u64 {
        *self.in_use.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let mut in_use = self.budget.in_use.lock().unwrap_or_else(|p| p.into_inner());
        *in_use = in_use.saturating_sub(self.amount);
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn running_charges_never_exceed_the_budget() {
        let budget = Budget::new(100);
        let peak = AtomicU64::new(0);
        std::thread::scope(|s| {
            for amount in [60, 50, 40, 30, 250, 10] {
                let (budget, peak) = (&budget, &peak);
                s.spawn(move || {
                    let _lease = budget.take(amount);
                    peak.fetch_max(budget.in_use(), Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= 100);
        assert_eq!(budget.in_use(), 0);
    }

    #[test]
    fn a_zip_is_charged_by_its_declared_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.xlsx");
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        zip.start_file(
            "xl/worksheets/sheet1.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, &vec![b'a'; 10 * MIB as usize]).unwrap();
        zip.finish().unwrap();
        assert!(
            std::fs::metadata(&path).unwrap().len() < MIB,
            "compresses well"
        );
        assert_eq!(charge(&path), BASE_CHARGE + 60 * MIB);
        let csv = dir.path().join("plan.csv");
        std::fs::write(&csv, vec![b'x'; 1000]).unwrap();
        assert_eq!(charge(&csv), BASE_CHARGE + 6000);
    }
}
