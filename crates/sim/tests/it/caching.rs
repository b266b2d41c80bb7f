//! The cache and consistent-hashing models against simulation: Che's approximation
//! against an exact LRU cache fed Zipf-distributed requests, and the ring-imbalance
//! integral against built rings and the published simulated values (formulas.md §11-12).

use std::collections::BTreeMap;

use rand::{RngExt, SeedableRng};
use scalelab_sim::hashing::{ring_imbalance, simulate_ring_imbalance};
use scalelab_sim::queueing::che_hit_ratio;

/// The hit ratio of an exact LRU cache of `capacity` items over `keys` Zipf(s) keys.
fn simulate_lru(keys: usize, capacity: usize, zipf_s: f64, requests: usize, seed: u64) -> f64 {
    let weights: Vec<f64> = (1..=keys).map(|i| (i as f64).powf(-zipf_s)).collect();
    let total: f64 = weights.iter().sum();
    let mut cdf = Vec::with_capacity(keys);
    let mut running = 0.0;
    for w in &weights {
        running += w / total;
        cdf.push(running);
    }
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
    // Last use of each cached key, and the cached keys by last use (oldest first).
    let mut last_use: Vec<Option<u64>> = vec![None; keys];
    let mut by_age: BTreeMap<u64, usize> = BTreeMap::new();
    let (mut hits, mut counted) = (0u64, 0u64);
    let warmup = requests / 5;
    for t in 0..requests as u64 {
        let u: f64 = rng.random();
        let key = cdf.partition_point(|c| *c < u).min(keys - 1);
        let hit = if let Some(previous) = last_use[key] {
            by_age.remove(&previous);
            true
        } else {
            if by_age.len() == capacity
                && let Some((_, evicted)) = by_age.pop_first()
            {
                last_use[evicted] = None;
            }
            false
        };
        by_age.insert(t, key);
        last_use[key] = Some(t);
        if t as usize >= warmup {
            counted += 1;
            hits += u64::from(hit);
        }
    }
    hits as f64 / counted as f64
}

#[test]
fn che_matches_an_exact_lru_within_half_a_point() {
    for (keys, capacity, s) in [(10_000, 1_000, 0.8), (10_000, 100, 0.8), (5_000, 1_000, 1.0), (20_000, 4_000, 0.6)] {
        let simulated = simulate_lru(keys, capacity, s, 1_000_000, 42);
        let che = che_hit_ratio(keys as f64, capacity as f64, s);
        assert!((che - simulated).abs() <= 0.005, "N {keys}, C {capacity}, s {s}: Che {che:.4}, LRU {simulated:.4}");
    }
}

#[test]
fn ring_imbalance_matches_the_published_simulation() {
    // 10 servers, 300 simulated rings each (formulas.md §12).
    for (virtual_nodes, published) in [(1, 3.00), (10, 1.52), (100, 1.155), (1_000, 1.049)] {
        let model = ring_imbalance(10, virtual_nodes);
        assert!((model / published - 1.0).abs() <= 0.05, "V {virtual_nodes}: model {model:.3} vs {published}");
    }
}

#[test]
fn ring_imbalance_matches_built_rings() {
    for virtual_nodes in [1, 10, 100] {
        let built = simulate_ring_imbalance(10, virtual_nodes, 300, 7);
        let model = ring_imbalance(10, virtual_nodes);
        assert!((model / built - 1.0).abs() <= 0.05, "V {virtual_nodes}: model {model:.3} vs built {built:.3}");
    }
}
