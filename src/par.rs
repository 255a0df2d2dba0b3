//! Independent pieces of work done at once, on every core, where the build has threads.
//!
//! With the `parallel` feature (the default; the command line) these are rayon's; without it
//! (the browser build, which has one thread) they run the same closures one after the other,
//! in order. The bounds are the same either way, so code that builds for one builds for the
//! other, and the results never depend on which ran: each closure's output is returned in
//! its place, whatever finished first.

/// Run `a` and `b`, at once where there are threads, and return both results.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// `f` of every item, at once where there are threads; the results in the items' order.
pub fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// Rows a long loop goes between looks for waiting work ([`yield_at_row`]): a few hundred
/// microseconds.
#[cfg(feature = "parallel")]
const ROWS_BETWEEN_YIELDS: usize = 256;

/// At every few hundredth row `k` of a long loop, take up one piece of work another thread
/// left waiting, if there is one, then go on.
///
/// A loop that runs on one core beside work on the longest path (the review's goal tree,
/// written while the goal sheet is) calls this on each row: the goal sheet's next batch of
/// cells, which would otherwise wait until the loop ends, is made ready at once. Without
/// threads it does nothing.
pub fn yield_at_row(k: usize) {
    #[cfg(feature = "parallel")]
    if k.is_multiple_of(ROWS_BETWEEN_YIELDS) {
        let _ = rayon::yield_now();
    }
    #[cfg(not(feature = "parallel"))]
    let _ = k;
}

/// Free `value` off the calling thread where there are threads (else here and now): freeing a
/// big structure, such as a saved workbook's sheets (~0.04 s for a 100,000-goal review), need
/// not hold up what comes next.
pub fn drop_later<T: Send + 'static>(value: T) {
    #[cfg(feature = "parallel")]
    {
        rayon::spawn(move || drop(value));
    }
    #[cfg(not(feature = "parallel"))]
    {
        drop(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_their_places() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, |x| x * x);
        assert_eq!(squares.len(), 1000);
        assert!(
            squares
                .iter()
                .enumerate()
                .all(|(i, s)| *s == (i * i) as u64)
        );
        let (left, right) = join(|| items.iter().sum::<u64>(), || items.len());
        assert_eq!((left, right), (499_500, 1000));
    }
}
