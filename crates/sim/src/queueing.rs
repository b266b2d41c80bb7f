//! Closed-form queueing results used by the flow engine, with every transcendental
//! function from `libm` so native and wasm runs agree bit for bit.
//!
//! References are the tags of `formulas.md` in the validation cases: Erlang B/C and
//! M/M/c/K [GSTH08], Allen-Cunneen [All90], Halfin-Whitt for large pools, Che [Che02].

/// Pools larger than this use the Halfin-Whitt asymptotic form of Erlang C, whose cost
/// does not grow with the pool. At this size its error is well under 1 %.
pub const LARGE_POOL: u32 = 2_000;

/// Erlang C: the probability that an arrival to an M/M/c queue has to wait, for `servers`
/// servers and offered load `offered_erlangs` = arrival rate x mean service time.
/// Returns 1 at or above saturation.
pub fn erlang_c(servers: u32, offered_erlangs: f64) -> f64 {
    let servers = servers.max(1);
    let c = f64::from(servers);
    let rho = offered_erlangs / c;
    if rho.is_nan() || rho >= 1.0 {
        return 1.0;
    }
    if offered_erlangs <= 0.0 {
        return 0.0;
    }
    if servers > LARGE_POOL {
        return halfin_whitt(c, offered_erlangs);
    }
    let blocking = erlang_b(servers, offered_erlangs);
    c * blocking / (c - offered_erlangs * (1.0 - blocking))
}

/// Erlang B by its recursion, which stays finite for any pool size (the textbook form
/// with factorials overflows past c ~ 170).
pub fn erlang_b(servers: u32, offered_erlangs: f64) -> f64 {
    let mut blocking = 1.0;
    for k in 1..=servers {
        let a_b = offered_erlangs * blocking;
        blocking = a_b / (f64::from(k) + a_b);
    }
    blocking
}

/// The Halfin-Whitt limit: C ~ 1 / (1 + beta Phi(beta) / phi(beta)), beta = (c - a)/sqrt(a).
fn halfin_whitt(c: f64, a: f64) -> f64 {
    let beta = (c - a) / libm::sqrt(a);
    let ratio = normal_cdf(beta) / normal_pdf(beta);
    (1.0 / (1.0 + beta * ratio)).clamp(0.0, 1.0)
}

/// A station's response-time figures, in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sojourn {
    /// Probability an arrival waits.
    pub wait_probability: f64,
    /// Rate of the exponential tail of the wait (c mu - lambda, scaled for variability).
    pub wait_rate: f64,
    pub service_s: f64,
    /// Squared coefficient of variation of the service time.
    pub service_scv: f64,
    pub servers: u32,
    pub arrival_rps: f64,
    pub arrival_scv: f64,
}

impl Sojourn {
    /// A G/G/c station by Allen-Cunneen: the M/M/c wait scaled by (ca^2 + cs^2) / 2. The
    /// scaling is applied to the tail rate so the wait stays "zero with probability 1-C,
    /// else exponential", which is exact for M/M/c and an approximation otherwise.
    /// None when the station is saturated.
    pub fn ggc(servers: u32, arrival_rps: f64, service_s: f64, arrival_scv: f64, service_scv: f64) -> Option<Self> {
        let c = f64::from(servers.max(1));
        let offered = arrival_rps * service_s;
        if offered.is_nan() || offered >= c || service_s <= 0.0 {
            return None;
        }
        let mut wait_probability = erlang_c(servers, offered);
        if arrival_scv < 1.0 {
            // Arrivals smoother than Poisson (behind a round robin): Allen-Cunneen
            // overstates the wait at light load; Kraemer and Langenbach-Belz's factor
            // (as in Whitt's QNA) corrects it.
            let rho = offered / c;
            let smooth = (1.0 - arrival_scv) * (1.0 - arrival_scv);
            let spread = (arrival_scv + service_scv).max(1e-9);
            wait_probability *= libm::exp(-2.0 * (1.0 - rho) * smooth / (3.0 * rho.max(1e-12) * spread));
        }
        let variability = ((arrival_scv + service_scv) / 2.0).max(1e-9);
        let wait_rate = (c / service_s - arrival_rps) / variability;
        Some(Self { wait_probability, wait_rate, service_s, service_scv, servers, arrival_rps, arrival_scv })
    }

    pub fn mean_wait_s(&self) -> f64 {
        self.wait_probability / self.wait_rate
    }

    pub fn mean_s(&self) -> f64 {
        self.service_s + self.mean_wait_s()
    }

    /// Variance of the response time (wait and service independent).
    pub fn variance_s2(&self) -> f64 {
        let c = self.wait_probability;
        let second_moment_wait = 2.0 * c / (self.wait_rate * self.wait_rate);
        let wait_var = second_moment_wait - self.mean_wait_s() * self.mean_wait_s();
        wait_var + self.service_s * self.service_s * self.service_scv
    }

    /// Mean, variance and third cumulant of the response time: the wait is 0 with
    /// probability 1 - C, else exponential; the service is gamma-shaped by its scv.
    pub fn moments(&self) -> crate::moments::Moments {
        if self.servers <= 1 && (self.arrival_scv - 1.0).abs() < 1e-12 {
            return self.mg1_moments();
        }
        let c = self.wait_probability;
        let r = 1.0 / self.wait_rate;
        // Raw moments of the wait: E[W^k] = C k! r^k.
        let (w1, w2, w3) = (c * r, 2.0 * c * r * r, 6.0 * c * r * r * r);
        let wait = crate::moments::Moments::with_k3(w1, w2 - w1 * w1, w3 - 3.0 * w1 * w2 + 2.0 * w1 * w1 * w1);
        let s = self.service_s;
        let service = crate::moments::Moments::new(s, s * s * self.service_scv);
        wait.then(service)
    }

    /// M/G/1 with a gamma-shaped service: the wait's first three moments exactly, by
    /// Takacs' recursion E[W^k] = lambda/(1-rho) sum_i C(k,i) E[S^(i+1)]/(i+1) E[W^(k-i)].
    fn mg1_moments(&self) -> crate::moments::Moments {
        let (s, scv, lambda) = (self.service_s, self.service_scv, self.arrival_rps);
        // E[S^n] = s^n prod_{j<n} (1 + j scv) for a gamma with mean s and this scv.
        let service_moment = |n: u32| (0..n).fold(1.0, |acc, j| acc * s * (1.0 + f64::from(j) * scv));
        let (s2, s3, s4) = (service_moment(2), service_moment(3), service_moment(4));
        let factor = lambda / (1.0 - lambda * s);
        let w1 = factor * s2 / 2.0;
        let w2 = factor * (s2 * w1 + s3 / 3.0);
        let w3 = factor * (1.5 * s2 * w2 + s3 * w1 + s4 / 4.0);
        let wait = crate::moments::Moments::with_k3(w1, w2 - w1 * w1, w3 - 3.0 * w1 * w2 + 2.0 * w1 * w1 * w1);
        wait.then(crate::moments::Moments::new(s, s * s * scv))
    }

    /// Probability the response time exceeds `t`: exact for M/M/c (formulas.md §3); for
    /// other service distributions the service part is treated as exponential.
    pub fn tail(&self, t: f64) -> f64 {
        if t <= 0.0 {
            return 1.0;
        }
        let mu = 1.0 / self.service_s;
        let theta = self.wait_rate;
        let c = self.wait_probability;
        let no_wait = (1.0 - c) * libm::exp(-mu * t);
        let waited = if (theta - mu).abs() < 1e-9 * mu {
            c * (1.0 + mu * t) * libm::exp(-mu * t)
        } else {
            c * (theta * libm::exp(-mu * t) - mu * libm::exp(-theta * t)) / (theta - mu)
        };
        (no_wait + waited).clamp(0.0, 1.0)
    }

    /// The p-quantile of the response time, by bisection on the tail.
    pub fn quantile_s(&self, p: f64) -> f64 {
        if self.service_scv < 1e-12 {
            // Constant service: the quantile is the service time plus the wait's quantile.
            let wait = if self.wait_probability > 1.0 - p {
                libm::log(self.wait_probability / (1.0 - p)) / self.wait_rate
            } else {
                0.0
            };
            return self.service_s + wait;
        }
        let target = 1.0 - p;
        let mut hi = self.mean_s().max(self.service_s) * 2.0;
        let mut steps = 0;
        while self.tail(hi) > target && steps < 200 {
            hi *= 2.0;
            steps += 1;
        }
        let mut lo = 0.0;
        for _ in 0..80 {
            let mid = 0.5 * (lo + hi);
            if self.tail(mid) > target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}

/// The steady state of an M/M/c/K station (K counts those in service): the blocking
/// probability and the mean response time of accepted requests, in seconds. Exact, by
/// the birth-death chain: its first c terms one by one, the geometric rest in closed
/// form, all scaled by the largest term so nothing overflows. O(c), whatever K.
pub fn mmck(servers: u32, capacity: u32, arrival_rps: f64, service_s: f64) -> (f64, f64) {
    let c = servers.max(1);
    let k = capacity.max(c);
    let a = arrival_rps * service_s;
    if a <= 0.0 {
        return (0.0, service_s);
    }
    let rho = a / f64::from(c);
    let ln_a = libm::log(a);
    // ln(a^n / n!) for n = 0..=c.
    let mut log_terms = Vec::with_capacity(c as usize + 1);
    let mut log_p = 0.0;
    log_terms.push(0.0);
    for n in 1..=c {
        log_p += ln_a - libm::log(f64::from(n));
        log_terms.push(log_p);
    }
    let log_pc = log_p;
    // The geometric part p_{c+j} = p_c rho^j for j = 1..=m, m = K - c.
    let m = f64::from(k - c);
    let ln_rho = libm::log(rho);
    let log_last = log_pc + m * ln_rho;
    let scale = log_terms.iter().copied().fold(log_last, f64::max);
    let head: f64 = log_terms.iter().map(|l| libm::exp(l - scale)).sum();
    let head_n: f64 = log_terms.iter().enumerate().map(|(n, l)| n as f64 * libm::exp(l - scale)).sum();
    // p_c times sum_{j=1..m} rho^j and times sum_{j=1..m} j rho^j, in closed form. Above
    // rho = 1 the sums are written in powers of 1/rho, so rho^m never overflows.
    let (geo, geo_j) = if m == 0.0 {
        (0.0, 0.0)
    } else if (rho - 1.0).abs() < 1e-9 {
        let pc = libm::exp(log_pc - scale);
        (pc * m, pc * m * (m + 1.0) / 2.0)
    } else if rho < 1.0 {
        let pc = libm::exp(log_pc - scale);
        let rho_m = libm::exp(m * ln_rho);
        let geo = rho * (1.0 - rho_m) / (1.0 - rho);
        let geo_j = rho * (1.0 - (m + 1.0) * rho_m + m * rho_m * rho) / ((1.0 - rho) * (1.0 - rho));
        (pc * geo, pc * geo_j)
    } else {
        let top = libm::exp(log_last - scale); // p_c rho^m, scaled
        let r = 1.0 / rho;
        let r_m = libm::exp(-m * ln_rho);
        let sum_r = (1.0 - r_m) / (1.0 - r); // sum_{i=0..m-1} r^i
        let sum_ir = r * (1.0 - m * r_m / r + (m - 1.0) * r_m) / ((1.0 - r) * (1.0 - r)); // sum i r^i
        (top * sum_r, top * (m * sum_r - sum_ir))
    };
    let pc = libm::exp(log_pc - scale);
    let total = head + geo;
    let blocking = if k > c { libm::exp(log_last - scale) / total } else { pc / total };
    let mean_in_system = (head_n + f64::from(c) * geo + geo_j) / total;
    let accepted = arrival_rps * (1.0 - blocking);
    let mean_response = if accepted > 0.0 { mean_in_system / accepted } else { service_s };
    (blocking, mean_response)
}

/// The hit ratio of an LRU cache of `capacity_items` over `keys` keys whose popularity
/// follows Zipf with exponent `zipf_s`, by the Che approximation (formulas.md §11).
///
/// Keys are grouped into log-spaced rank bands (each band's keys have nearly the same
/// popularity), so the cost is fixed whatever the key space: a few thousand operations.
pub fn che_hit_ratio(keys: f64, capacity_items: f64, zipf_s: f64) -> f64 {
    if capacity_items >= keys {
        return 1.0;
    }
    if capacity_items <= 0.0 || keys < 1.0 {
        return 0.0;
    }
    let bands = rank_bands(keys, zipf_s);
    // Solve sum_i (1 - exp(-q_i t)) = C for t by bisection on log t.
    let filled = |t: f64| bands.iter().map(|b| b.count * (1.0 - libm::exp(-b.popularity * t))).sum::<f64>();
    let (mut lo, mut hi) = (1e-12_f64, 1.0_f64);
    while filled(hi) < capacity_items && hi < 1e300 {
        hi *= 16.0;
    }
    // Bisection on log t: 64 halvings take the bracket to the precision of a double.
    for _ in 0..64 {
        let mid = libm::sqrt(lo * hi);
        if filled(mid) < capacity_items {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let t = libm::sqrt(lo * hi);
    bands.iter().map(|b| b.count * b.popularity * (1.0 - libm::exp(-b.popularity * t))).sum::<f64>().clamp(0.0, 1.0)
}

struct Band {
    /// Keys in the band.
    count: f64,
    /// Request probability of each key in the band.
    popularity: f64,
}

/// Zipf popularities grouped by rank: the first ranks one by one, then bands whose
/// width grows geometrically.
fn rank_bands(keys: f64, zipf_s: f64) -> Vec<Band> {
    const EXACT_RANKS: f64 = 500.0;
    const GROWTH: f64 = 1.01;
    let mut bands = Vec::new();
    let mut start = 1.0_f64;
    while start <= keys {
        let width = if start <= EXACT_RANKS { 1.0 } else { libm::floor(start * (GROWTH - 1.0)).max(1.0) };
        let end = (start + width - 1.0).min(keys);
        let count = end - start + 1.0;
        // The band's mean weight, by integrating x^-s over [start - 1/2, end + 1/2].
        let weight = if count == 1.0 { libm::pow(start, -zipf_s) } else { mean_power(start - 0.5, end + 0.5, zipf_s) };
        bands.push(Band { count, popularity: weight });
        start = end + 1.0;
    }
    let total: f64 = bands.iter().map(|b| b.count * b.popularity).sum();
    for band in &mut bands {
        band.popularity /= total;
    }
    bands
}

/// The mean of x^-s over [a, b].
fn mean_power(a: f64, b: f64, s: f64) -> f64 {
    let integral = if (s - 1.0).abs() < 1e-12 {
        libm::log(b) - libm::log(a)
    } else {
        (libm::pow(b, 1.0 - s) - libm::pow(a, 1.0 - s)) / (1.0 - s)
    };
    integral / (b - a)
}

pub fn normal_pdf(x: f64) -> f64 {
    libm::exp(-0.5 * x * x) / libm::sqrt(2.0 * std::f64::consts::PI)
}

pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// The standard normal quantile (Acklam's rational approximation, refined by one Newton
/// step; relative error below 1e-12).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -39.696_830_286_653_76,
        220.946_098_424_520_5,
        -275.928_510_446_968_7,
        138.357_751_867_269,
        -30.664_798_066_147_16,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -54.476_098_798_224_06,
        161.585_836_858_040_9,
        -155.698_979_859_886_6,
        66.801_311_887_719_72,
        -13.280_681_552_885_72,
    ];
    const C: [f64; 6] = [
        -0.007_784_894_002_430_293,
        -0.322_396_458_041_136_5,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let low = 0.02425;
    let x = if p < low {
        let q = libm::sqrt(-2.0 * libm::log(p));
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = libm::sqrt(-2.0 * libm::log(1.0 - p));
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let error = normal_cdf(x) - p;
    x - error / normal_pdf(x).max(1e-300)
}

/// The p-quantile of a lognormal with the given mean and variance: how the flow engine
/// turns a path's mean and variance into percentiles (an approximation, and reported so).
pub fn lognormal_quantile(mean: f64, variance: f64, p: f64) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    let sigma2 = libm::log(1.0 + variance.max(0.0) / (mean * mean));
    let mu = libm::log(mean) - 0.5 * sigma2;
    libm::exp(mu + libm::sqrt(sigma2) * normal_quantile(p))
}

/// Mean response time of an M/M/c queue, in the unit of `service_time`. Infinite at or
/// above saturation.
pub fn mmc_mean_response(servers: u32, arrival_rate: f64, service_time: f64) -> f64 {
    Sojourn::ggc(servers, arrival_rate, service_time, 1.0, 1.0).map_or(f64::INFINITY, |s| s.mean_s())
}
