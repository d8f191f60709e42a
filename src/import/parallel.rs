//! Building the entries of a large map on every core: each entry's node
//! depends on its own row only, and for 100,000 rows making the nodes (and
//! touching their memory for the first time) is the longest step before
//! the first frame.

use std::mem::MaybeUninit;

/// How many cores the work may use, asked of the system once (each asking
/// reads the cgroup's quota files).
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Below this many items one thread is quicker than starting another.
const PARALLEL_FROM: usize = 5_000;

/// A text this long is worth reading on two cores (a thread costs about
/// what reading 100 KB does).
pub const LARGE_TEXT: usize = 1 << 20;

/// Appends `make(&mut state, i, &items[i])` for every item to `out`, in
/// order; for a large input the work is shared among the available cores,
/// each writing its own part of `out` with a state of its own (made by
/// `state`: what one item leaves for the next, such as a cached parent).
pub fn map_into<T: Sync, U: Send, S>(
    out: &mut Vec<U>,
    items: &[T],
    state: impl Fn() -> S + Sync,
    make: impl Fn(&mut S, usize, &T) -> U + Sync,
) {
    let threads = cores().min(8);
    if items.len() < PARALLEL_FROM || threads < 2 {
        let mut first = state();
        out.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, t)| make(&mut first, i, t)),
        );
        return;
    }
    out.reserve(items.len());
    let start = out.len();
    let chunk = items.len().div_ceil(threads);
    {
        let spare = &mut out.spare_capacity_mut()[..items.len()];
        let (state, make) = (&state, &make);
        std::thread::scope(|s| {
            for (k, (slots, part)) in spare.chunks_mut(chunk).zip(items.chunks(chunk)).enumerate() {
                s.spawn(move || fill(slots, part, k * chunk, &mut state(), make));
            }
        });
    }
    // SAFETY: the scope returned, so every thread finished without a panic
    // (a panic is resumed by `scope` before this line), and together the
    // threads wrote each of the `items.len()` slots after `start` exactly
    // once (the chunks of `spare` and of `items` pair up one to one).
    unsafe { out.set_len(start + items.len()) };
}

fn fill<T, U, S>(
    slots: &mut [MaybeUninit<U>],
    items: &[T],
    first: usize,
    state: &mut S,
    make: &impl Fn(&mut S, usize, &T) -> U,
) {
    for (k, (slot, item)) in slots.iter_mut().zip(items).enumerate() {
        slot.write(make(state, first + k, item));
    }
}

/// Room for a large vector, made on another core while this one goes on:
/// its memory is mapped there (the kernel hands out a page at each first
/// touch: 35 MB for the nodes of a 100,000-entry map), not in the middle of
/// the work that fills it.
pub struct Room<T> {
    ready: Option<std::thread::JoinHandle<Vec<T>>>,
    capacity: usize,
}

impl<T: Send + 'static> Room<T> {
    /// Room for `capacity` items, of which the first `used` are expected to
    /// be filled; made ahead for a large one when there is a core to spare.
    pub fn ahead(capacity: usize, used: usize) -> Self {
        let threads = cores();
        // Elsewhere the pages come at first touch however the room is made.
        let ready = (cfg!(target_os = "linux") && used >= PARALLEL_FROM && threads >= 2)
            .then(|| {
                std::thread::Builder::new()
                    .spawn(move || {
                        let mut room = Vec::with_capacity(capacity);
                        map_now(&mut room, used);
                        room
                    })
                    .ok()
            })
            .flatten();
        Room { ready, capacity }
    }

    /// The room, waiting for it if it is still being made.
    pub fn take(self) -> Vec<T> {
        self.ready
            .and_then(|made| made.join().ok())
            .unwrap_or_else(|| Vec::with_capacity(self.capacity))
    }
}

/// Has the kernel back the first `n` spare slots of `v` with memory now,
/// in one call (cheaper than a fault per page, and done here rather than
/// where the slots are written).
#[cfg(target_os = "linux")]
pub fn map_now<T>(v: &mut Vec<T>, n: usize) {
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    let Some(page) = usize::try_from(page).ok().filter(|p| p.is_power_of_two()) else {
        return;
    };
    let spare = v.spare_capacity_mut();
    let n = n.min(spare.len());
    let start = spare.as_mut_ptr() as usize;
    let (first, end) = (
        start.next_multiple_of(page),
        (start + n * std::mem::size_of::<T>()) & !(page - 1),
    );
    if end > first {
        // SAFETY: the range lies within the vector's own allocation, whose
        // contents (uninitialised spare capacity) MADV_POPULATE_WRITE leaves
        // as they are: it only maps the pages. A kernel without it (before
        // 5.14) answers EINVAL, and the pages come at first touch as ever.
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                end - first,
                libc::MADV_POPULATE_WRITE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn map_now<T>(_: &mut Vec<T>, _: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_in_order_after_what_was_there() {
        for n in [0, 1, 4_999, 5_000, 5_001, 12_345] {
            let items: Vec<u32> = (0..n).collect();
            let mut out = vec!["before".to_string()];
            // Each worker's state sees its items in order, one after another.
            map_into(
                &mut out,
                &items,
                || None,
                |last: &mut Option<u32>, i, &x| {
                    assert_eq!(i as u32, x);
                    assert!(last.is_none_or(|l| l + 1 == x));
                    *last = Some(x);
                    format!("{x}")
                },
            );
            assert_eq!(out.len(), n as usize + 1);
            assert_eq!(out[0], "before");
            assert!(out[1..].iter().zip(0..).all(|(s, x)| *s == x.to_string()));
        }
    }

    #[test]
    fn room_made_ahead_holds_what_was_asked() {
        for (capacity, used) in [(0, 0), (10, 10), (20_000, 6_000), (8_000, 20_000)] {
            let mut room: Vec<String> = Room::ahead(capacity, used).take();
            assert!(room.is_empty() && room.capacity() >= capacity);
            room.extend((0..capacity).map(|i| i.to_string()));
            assert_eq!(
                room.last().map(String::as_str),
                capacity.checked_sub(1).map(|c| c.to_string()).as_deref()
            );
        }
    }
}
