//! Closed-form queueing results used by the flow engine.

/// Erlang C: the probability that an arrival to an M/M/c queue has to wait, for `servers`
/// servers and offered load `offered_erlangs` = arrival rate x mean service time.
/// Returns 1 at or above saturation.
///
/// Uses the Erlang B recursion, which stays finite for any pool size (the textbook form
/// with factorials overflows past c ~ 170).
pub fn erlang_c(servers: u32, offered_erlangs: f64) -> f64 {
    let c = f64::from(servers.max(1));
    let rho = offered_erlangs / c;
    if rho.is_nan() || rho >= 1.0 {
        return 1.0;
    }
    let mut blocking = 1.0;
    for k in 1..=servers.max(1) {
        let a_b = offered_erlangs * blocking;
        blocking = a_b / (f64::from(k) + a_b);
    }
    blocking / (1.0 - rho * (1.0 - blocking))
}

/// Mean time in an M/M/c queue (waiting plus service), in the unit of `service_time`.
/// Infinite at or above saturation.
pub fn mmc_mean_response(servers: u32, arrival_rate: f64, service_time: f64) -> f64 {
    let c = f64::from(servers.max(1));
    let offered = arrival_rate * service_time;
    if offered >= c {
        return f64::INFINITY;
    }
    let wait = erlang_c(servers, offered) * service_time / (c - offered);
    service_time + wait
}
