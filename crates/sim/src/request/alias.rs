//! Walker's alias method (Vose's construction) for a probabilistic split: one uniform
//! draw and one comparison pick a destination, whatever the number of destinations,
//! where a cumulative search costs a binary search with unpredictable branches.

/// Marks the outcome "leave the network".
pub(crate) const EXIT: u32 = u32::MAX;

/// Outcomes with probabilities; built once per station, sampled per request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AliasTable {
    /// Station index per outcome, or [`EXIT`].
    outcomes: Box<[u32]>,
    /// Chance of keeping column j's own outcome rather than its alias.
    keep: Box<[f64]>,
    alias: Box<[u32]>,
}

impl AliasTable {
    /// `weights` must be finite and non-negative with a positive sum (validated input).
    pub(crate) fn new(outcomes: Vec<u32>, weights: &[f64]) -> Self {
        let n = outcomes.len().max(1);
        let total: f64 = weights.iter().sum();
        let mut scaled: Vec<f64> = weights.iter().map(|w| w / total * n as f64).collect();
        let mut keep = vec![1.0; n];
        let mut alias: Vec<u32> = (0..n as u32).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| scaled.get(i) < Some(&1.0));
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            let s_scaled = scaled.get(s).copied().unwrap_or(1.0);
            if let (Some(k), Some(a)) = (keep.get_mut(s), alias.get_mut(s)) {
                *k = s_scaled;
                *a = l as u32;
            }
            if let Some(l_scaled) = scaled.get_mut(l) {
                *l_scaled += s_scaled - 1.0;
                if *l_scaled < 1.0 {
                    large.pop();
                    small.push(l);
                }
            }
        }
        Self { outcomes: outcomes.into(), keep: keep.into(), alias: alias.into() }
    }

    /// The outcome for a uniform draw `u` on [0, 1).
    #[inline(always)]
    pub(crate) fn pick(&self, u: f64) -> u32 {
        let n = self.outcomes.len();
        let scaled = u * n as f64;
        let column = (scaled as usize).min(n.saturating_sub(1));
        let keep = self.keep.get(column).copied().unwrap_or(1.0);
        let index =
            if scaled - (column as f64) < keep { column as u32 } else { self.alias.get(column).copied().unwrap_or(0) };
        self.outcomes.get(index as usize).copied().unwrap_or(EXIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probability of each outcome, integrated over u exactly (the table is piecewise
    /// constant in u).
    fn shares(table: &AliasTable) -> Vec<(u32, f64)> {
        let n = table.outcomes.len();
        let mut shares: Vec<(u32, f64)> = Vec::new();
        for column in 0..n {
            let keep = table.keep[column];
            for (outcome, share) in
                [(table.outcomes[column], keep), (table.outcomes[table.alias[column] as usize], 1.0 - keep)]
            {
                match shares.iter_mut().find(|(o, _)| *o == outcome) {
                    Some((_, s)) => *s += share / n as f64,
                    None => shares.push((outcome, share / n as f64)),
                }
            }
        }
        shares.sort_by_key(|(o, _)| *o);
        shares
    }

    #[test]
    fn the_table_reproduces_the_weights() {
        let table = AliasTable::new(vec![4, 7, 9, EXIT], &[0.1, 0.5, 0.15, 0.25]);
        let expected = [(4, 0.1), (7, 0.5), (9, 0.15), (EXIT, 0.25)];
        for ((o, s), (eo, es)) in shares(&table).into_iter().zip(expected) {
            assert_eq!(o, eo);
            assert!((s - es).abs() < 1e-12, "{o}: {s} vs {es}");
        }
    }

    #[test]
    fn a_uniform_split_needs_no_alias_and_every_draw_is_in_range() {
        let table = AliasTable::new((0..33).collect(), &[1.0 / 33.0; 33]);
        assert!(table.keep.iter().all(|&k| k >= 1.0 - 1e-12));
        for u in [0.0, 0.5, 1.0 - f64::EPSILON / 2.0] {
            assert!(table.pick(u) < 33);
        }
        assert_eq!(table.pick(0.0), 0);
        assert_eq!(table.pick(1.0 - f64::EPSILON / 2.0), 32);
    }
}
