//! Independent pieces of work done at once, on every core, where the build has threads.
//!
//! With the `parallel` feature (the default; the command line) these are rayon's; without it
//! (the browser build, which has one thread) they run the same closures one after the other,
//! in order. The bounds are the same either way, so code that builds for one builds for the
//! other, and the results never depend on which ran: each closure's output is returned in
//! its place, whatever finished first.

/// How many threads [`join`] and the rest may run on: rayon's pool, or 1 without threads.
pub fn threads() -> usize {
    #[cfg(feature = "parallel")]
    {
        rayon::current_num_threads()
    }
    #[cfg(not(feature = "parallel"))]
    {
        1
    }
}

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

/// `f` of every item, at once where there are threads, split into two vectors in the items'
/// order. Each thread takes runs of at least `run` items and makes its own state for them
/// with `init` (a memo, say: `f` must give the same answer whatever the state has seen).
///
/// The results are written in their places in the two vectors by the thread that made them,
/// never moved afterwards: for results of a few kilobytes each (a plan's goals) moving them
/// into one vector on one thread took longer than making them.
pub fn map_unzip<T, S, A, B>(
    items: &[T],
    run: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &T) -> (A, B) + Sync + Send,
) -> (Vec<A>, Vec<B>)
where
    T: Sync,
    A: Send,
    B: Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let (mut left, mut right) = (Vec::new(), Vec::new());
        items
            .par_iter()
            .with_min_len(run.max(1))
            .map_init(init, f)
            .unzip_into_vecs(&mut left, &mut right);
        (left, right)
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = run;
        let mut state = init();
        items.iter().map(|item| f(&mut state, item)).unzip()
    }
}

/// `f` of every item of `items` beside its partner in `partners` (the shorter decides how
/// many), changing the item in place, at once where there are threads. As with
/// [`map_unzip`], each thread takes runs of at least `run` items with its own state from
/// `init`.
pub fn update_beside<T, U, S>(
    items: &mut [T],
    partners: &[U],
    run: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &mut T, &U) + Sync + Send,
) where
    T: Send,
    U: Sync,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items
            .par_iter_mut()
            .zip(partners)
            .with_min_len(run.max(1))
            .for_each_init(init, |state, (item, partner)| f(state, item, partner));
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = run;
        let mut state = init();
        for (item, partner) in items.iter_mut().zip(partners) {
            f(&mut state, item, partner);
        }
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

/// Items [`pipe`] hands over at once.
#[cfg(feature = "parallel")]
const PIPE_BATCH: usize = 4096;

/// Batches that may wait for [`pipe`]'s consumer.
#[cfg(feature = "parallel")]
const PIPE_BATCHES: usize = 4;

/// Run `produce`, which hands items to its `send`; each item goes to `consume`, in order, on
/// another thread where there are threads (a batch of 4,096 at a time, at most 16,384
/// waiting), else at once. `send` answers `false` once `consume` has answered `false` (it
/// refused an item and wants no more): `produce` should stop then. Returns `produce`'s result
/// after `consume` has seen every item sent.
///
/// For a loop whose two halves each take real time and must stay in order: reading a sheet's
/// cells through calamine on one core while they are stored on another.
pub fn pipe<T, R>(
    produce: impl FnOnce(&mut (dyn FnMut(T) -> bool + Send)) -> R,
    consume: impl FnMut(T) -> bool + Send,
) -> R
where
    T: Send,
{
    #[cfg(feature = "parallel")]
    {
        pipe_in_batches(PIPE_BATCH, PIPE_BATCHES, produce, consume)
    }
    #[cfg(not(feature = "parallel"))]
    {
        one_by_one(produce, consume)
    }
}

/// [`pipe`] with `batch` items a batch and at most `waiting` batches waiting.
#[cfg(feature = "parallel")]
fn pipe_in_batches<T, R>(
    batch: usize,
    waiting: usize,
    produce: impl FnOnce(&mut (dyn FnMut(T) -> bool + Send)) -> R,
    mut consume: impl FnMut(T) -> bool + Send,
) -> R
where
    T: Send,
{
    let (to_consumer, batches) = std::sync::mpsc::sync_channel::<Vec<T>>(waiting);
    std::thread::scope(|scope| {
        // A thread of its own, not a rayon task: the two sides wait on each other, which a
        // pool of one thread could not do.
        scope.spawn(move || {
            for items in batches {
                for item in items {
                    if !consume(item) {
                        // Dropping the receiver tells the producer.
                        return;
                    }
                }
            }
        });
        let mut items = Vec::with_capacity(batch);
        let mut open = true;
        let mut send = |item: T| {
            if !open {
                return false;
            }
            items.push(item);
            if items.len() == batch {
                let full = std::mem::replace(&mut items, Vec::with_capacity(batch));
                open = to_consumer.send(full).is_ok();
            }
            open
        };
        let result = produce(&mut send);
        if open && !items.is_empty() {
            let _ = to_consumer.send(items);
        }
        // Closing the channel ends the consumer's loop; the scope waits for it.
        drop(to_consumer);
        result
    })
}

/// [`pipe`] without threads: each item consumed as it is sent.
#[cfg(not(feature = "parallel"))]
fn one_by_one<T, R>(
    produce: impl FnOnce(&mut (dyn FnMut(T) -> bool + Send)) -> R,
    mut consume: impl FnMut(T) -> bool + Send,
) -> R
where
    T: Send,
{
    let mut open = true;
    let mut send = |item: T| {
        open = open && consume(item);
        open
    };
    produce(&mut send)
}

/// A sink [`write_behind`] hands to its writer: any `Write` that may cross threads.
pub trait SendWrite: std::io::Write + Send {}
impl<W: std::io::Write + Send + ?Sized> SendWrite for W {}

/// Bytes [`write_behind`] gathers before handing them on.
const BEHIND_CHUNK: usize = 1 << 20;

/// Chunks that may wait for the writing thread: at most this many MB held at once.
#[cfg(feature = "parallel")]
const BEHIND_CHUNKS: usize = 8;

/// Run `write` with a sink whose bytes reach `out` from another thread where there are
/// threads (else `write` writes to `out` itself, a chunk at a time), and return its result
/// once every byte is written and `out` flushed.
///
/// Saving a workbook packs it on one thread while the other cores wait: the file system's
/// share of that work (~0.05 s for a 100,000-goal review's 23 MB) is done beside the packing
/// instead of after each packed chunk. At most 8 MB waits between the two ([`pipe`]'s, in
/// 1 MB chunks).
///
/// # Errors
/// The first error `out` gave, else `write`'s own.
pub fn write_behind<W, R>(
    out: &mut W,
    write: impl FnOnce(&mut dyn SendWrite) -> std::io::Result<R>,
) -> std::io::Result<R>
where
    W: std::io::Write + Send,
{
    let mut failed = None;
    let produce = |send: &mut (dyn FnMut(Vec<u8>) -> bool + Send)| -> std::io::Result<R> {
        let mut front = Front {
            chunk: Vec::with_capacity(BEHIND_CHUNK),
            send,
        };
        let result = write(&mut front)?;
        front.hand_on()?;
        Ok(result)
    };
    let consume = |chunk: Vec<u8>| match out.write_all(&chunk) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    };
    #[cfg(feature = "parallel")]
    let result = pipe_in_batches(1, BEHIND_CHUNKS, produce, consume);
    #[cfg(not(feature = "parallel"))]
    let result = one_by_one(produce, consume);
    if let Some(e) = failed {
        return Err(e);
    }
    let result = result?;
    out.flush()?;
    Ok(result)
}

/// [`write_behind`]'s sink: gathers bytes into chunks and hands each full one on.
struct Front<'a> {
    chunk: Vec<u8>,
    send: &'a mut (dyn FnMut(Vec<u8>) -> bool + Send),
}

impl Front<'_> {
    fn hand_on(&mut self) -> std::io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(BEHIND_CHUNK));
        // Refused only when writing to the output failed; that error is reported.
        match (self.send)(chunk) {
            true => Ok(()),
            false => Err(std::io::Error::other("the output stopped being written")),
        }
    }
}

impl std::io::Write for Front<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.chunk.extend_from_slice(buf);
        if self.chunk.len() >= BEHIND_CHUNK {
            self.hand_on()?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        // The bytes reach `out` in order whatever is handed on when; the end flushes `out`.
        Ok(())
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

    #[test]
    fn unzipped_and_updated_items_keep_their_places_whatever_the_runs() {
        let items: Vec<u64> = (0..10_007).collect();
        for run in [0, 1, 7, 512, 20_000] {
            // The state counts the items its run has seen: it must not change the answers.
            let (mut squares, halves) = map_unzip(
                &items,
                run,
                || 0u64,
                |seen, x| {
                    *seen += 1;
                    (x * x, x / 2)
                },
            );
            assert_eq!(squares.len(), items.len());
            assert!(
                squares
                    .iter()
                    .enumerate()
                    .all(|(i, s)| *s == (i * i) as u64)
            );
            assert!(halves.iter().enumerate().all(|(i, h)| *h == (i / 2) as u64));
            // Fewer partners than items: the items past them stay as they were.
            update_beside(
                &mut squares,
                &halves[..10_000],
                run,
                || (),
                |(), s, h| *s += h,
            );
            assert!(squares.iter().enumerate().all(|(i, s)| {
                let i = i as u64;
                *s == i * i + if i < 10_000 { i / 2 } else { 0 }
            }));
        }
    }

    #[test]
    fn written_behind_arrives_whole_and_in_order() {
        // Uneven pieces across many chunks, and a last chunk that is not full.
        let expected: Vec<u8> = (0..5_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        let pieces = write_behind(&mut out, |w| {
            let mut pieces = 0;
            for piece in expected.chunks(32_771) {
                w.write_all(piece)?;
                pieces += 1;
            }
            Ok(pieces)
        })
        .expect("written");
        assert_eq!(pieces, expected.len().div_ceil(32_771));
        assert!(out == expected, "bytes changed on the way");
    }

    /// Fails every write after `room` bytes.
    struct Full {
        room: usize,
    }
    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.len() > self.room {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "disk full",
                ));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_outputs_own_error_is_the_one_reported() {
        let mut out = Full { room: 3_000_000 };
        let err = write_behind(&mut out, |w| {
            for _ in 0..64 {
                w.write_all(&[7u8; 100_000])?;
            }
            Ok(())
        })
        .expect_err("the output is full");
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        // An error of the writer's own comes back as it was.
        let mut out = Vec::new();
        let err = write_behind(&mut out, |w| -> std::io::Result<()> {
            w.write_all(b"half")?;
            Err(std::io::Error::other("cannot pack"))
        })
        .expect_err("the writer failed");
        assert_eq!(err.to_string(), "cannot pack");
    }

    #[test]
    fn piped_items_arrive_in_order_and_a_refusal_stops_the_producer() {
        let mut seen = Vec::new();
        let produced = pipe(
            |send| (0..10_000u32).take_while(|i| send(*i)).count(),
            |i| {
                seen.push(i);
                true
            },
        );
        assert_eq!(produced, 10_000);
        assert!(seen.iter().copied().eq(0..10_000), "every item, in order");
        // The consumer refuses item 5,000: the producer hears it within a few batches and
        // nothing after the refusal is consumed.
        let mut seen = Vec::new();
        let produced = pipe(
            |send| (0..1_000_000u32).take_while(|i| send(*i)).count(),
            |i| {
                seen.push(i);
                i < 5_000
            },
        );
        assert!(produced < 5_000 + 8 * 4096, "stopped early: {produced}");
        assert_eq!(seen.last(), Some(&5_000));
        assert_eq!(seen.len(), 5_001);
    }
}
