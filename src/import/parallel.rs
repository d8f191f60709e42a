//! Building the entries of a large map on every core: each entry's node
//! depends on its own row only, and for 100,000 rows making the nodes (and
//! touching their memory for the first time) is the longest step before
//! the first frame.

use std::mem::MaybeUninit;

/// Below this many items one thread is quicker than starting another.
const PARALLEL_FROM: usize = 5_000;

/// Appends `make(i, &items[i])` for every item to `out`, in order; for a
/// large input the work is shared among the available cores, each writing
/// its own part of `out`.
pub fn map_into<T: Sync, U: Send>(
    out: &mut Vec<U>,
    items: &[T],
    make: impl Fn(usize, &T) -> U + Sync,
) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if items.len() < PARALLEL_FROM || threads < 2 {
        out.extend(items.iter().enumerate().map(|(i, t)| make(i, t)));
        return;
    }
    out.reserve(items.len());
    let start = out.len();
    let chunk = items.len().div_ceil(threads);
    {
        let spare = &mut out.spare_capacity_mut()[..items.len()];
        let make = &make;
        std::thread::scope(|s| {
            for (k, (slots, part)) in spare.chunks_mut(chunk).zip(items.chunks(chunk)).enumerate() {
                s.spawn(move || fill(slots, part, k * chunk, make));
            }
        });
    }
    // SAFETY: the scope returned, so every thread finished without a panic
    // (a panic is resumed by `scope` before this line), and together the
    // threads wrote each of the `items.len()` slots after `start` exactly
    // once (the chunks of `spare` and of `items` pair up one to one).
    unsafe { out.set_len(start + items.len()) };
}

fn fill<T, U>(
    slots: &mut [MaybeUninit<U>],
    items: &[T],
    first: usize,
    make: &impl Fn(usize, &T) -> U,
) {
    for (k, (slot, item)) in slots.iter_mut().zip(items).enumerate() {
        slot.write(make(first + k, item));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_in_order_after_what_was_there() {
        for n in [0, 1, 4_999, 5_000, 5_001, 12_345] {
            let items: Vec<u32> = (0..n).collect();
            let mut out = vec!["before".to_string()];
            map_into(&mut out, &items, |i, &x| {
                assert_eq!(i as u32, x);
                format!("{x}")
            });
            assert_eq!(out.len(), n as usize + 1);
            assert_eq!(out[0], "before");
            assert!(out[1..].iter().zip(0..).all(|(s, x)| *s == x.to_string()));
        }
    }
}
