//! How a component's figures were computed: the explanation names the formula the engine
//! took, with inputs and values that agree with the engine's report and with queueing
//! theory, and says which figures are exact and which approximate.

use scalelab_model::{ComponentKind as K, format_count};
use scalelab_sim::evaluate;
use scalelab_sim::explain::{Figure, Quality, explain};
use scalelab_sim::queueing::{erlang_c, mmc_mean_response};

use crate::designs::{journey, single_station};

fn figure<'a>(figures: &'a [Figure], name: &str) -> &'a Figure {
    figures.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no figure {name} in {figures:#?}"))
}

#[test]
fn an_m_m_c_station_is_explained_by_erlang_c_with_its_inputs_and_is_exact() {
    // 4 cores, 20 ms exponential service: 200 requests/s of capacity; 50 arrive.
    let doc = single_station(50.0, 4.0, 20.0, 1_000.0);
    let figures = explain(&doc, "server").unwrap().unwrap();
    let capacity = figure(&figures, "Capacity");
    assert_eq!(capacity.value, "200 req/s");
    assert_eq!(capacity.how, "1 instance × 4 servers ÷ 20 ms per request");
    assert_eq!(capacity.quality, Quality::Exact);
    assert_eq!(figure(&figures, "Utilisation").value, "25 %");
    assert_eq!(figure(&figures, "Offered").value, "50 req/s");

    let waiting = figure(&figures, "Waiting");
    assert_eq!(waiting.value, "Erlang C");
    let p_wait = format!("P(wait) = {} %", format_count(erlang_c(4, 1.0) * 100.0));
    assert!(waiting.how.contains(&p_wait), "{} names {p_wait}", waiting.how);
    assert!(waiting.how.contains("ρ = 25 %"), "{}", waiting.how);
    assert_eq!(waiting.quality, Quality::Exact, "Poisson arrivals and exponential service: M/M/c");

    // The mean it reports is the textbook M/M/c response time, and the report's.
    let mean = figure(&figures, "Time here (mean)");
    let theory_ms = mmc_mean_response(4, 50.0, 0.020) * 1e3;
    assert_eq!(mean.value, format!("{} ms", format_count(theory_ms)));
    let report = evaluate(&doc).unwrap();
    let server = report.component("server").unwrap();
    assert_eq!(mean.value, format!("{} ms", format_count(server.latency.mean_ms)));
    assert_eq!(mean.quality, Quality::Exact);
    assert_eq!(figure(&figures, "Time here (p50 / p99)").quality, Quality::Approximate);
    assert_eq!(figure(&figures, "Errors").how, "no request ends in an error here at this load");
}

#[test]
fn variable_service_times_make_the_wait_an_allen_cunneen_approximation() {
    let mut doc = single_station(50.0, 4.0, 20.0, 1_000.0);
    doc.components[1] = doc.components[1].clone().with_param("service_time_cv", 0.6);
    let figures = explain(&doc, "server").unwrap().unwrap();
    let waiting = figure(&figures, "Waiting");
    assert_eq!(waiting.value, "Erlang C");
    assert!(waiting.how.contains("ca² = 1 for the arrivals and cs² = 0.36 for the service"), "{}", waiting.how);
    assert!(waiting.how.contains("(ca² + cs²)/2 = 0.68"), "{}", waiting.how);
    assert_eq!(waiting.quality, Quality::Approximate);
    assert_eq!(figure(&figures, "Time here (mean)").quality, Quality::Approximate);

    // With one server the same service is M/G/1, whose mean Pollaczek-Khinchine gives
    // exactly: 25 requests/s of 20 ms (rho 0.5), cs² 0.36: wait 0.5 × 20 × 1.36 ÷ 1 = 13.6 ms.
    let mut one = single_station(25.0, 1.0, 20.0, 1_000.0);
    one.components[1] = one.components[1].clone().with_param("service_time_cv", 0.6);
    let figures = explain(&one, "server").unwrap().unwrap();
    let waiting = figure(&figures, "Waiting");
    assert_eq!((waiting.value.as_str(), waiting.quality), ("M/G/1", Quality::Exact), "{waiting:?}");
    let mean = figure(&figures, "Time here (mean)");
    assert_eq!((mean.value.as_str(), mean.quality), ("33.6 ms", Quality::Exact));
}

#[test]
fn a_saturated_station_says_its_queue_is_full_and_where_its_errors_come_from() {
    // 300 requests/s at 200 of capacity, with a short queue.
    let doc = single_station(300.0, 4.0, 20.0, 50.0);
    let figures = explain(&doc, "server").unwrap().unwrap();
    let utilisation = figure(&figures, "Utilisation");
    assert_eq!(utilisation.value, "150 %");
    let waiting = figure(&figures, "Waiting");
    assert!(["saturated", "M/M/c/K"].contains(&waiting.value.as_str()), "{waiting:?}");
    assert_eq!(waiting.quality, if waiting.value == "saturated" { Quality::Approximate } else { Quality::Exact });
    let errors = figure(&figures, "Errors");
    let report = evaluate(&doc).unwrap();
    let dropped = report.component("server").unwrap().errors.dropped;
    assert!(dropped > 90.0, "about 100 requests/s are refused: {dropped}");
    assert_eq!(errors.value, format!("{} req/s", format_count(dropped)));
    assert!(errors.how.starts_with(&format!("dropped (full queue or no connection) {} req/s", format_count(dropped))));
}

#[test]
fn every_component_of_the_journey_is_explained_with_figures_that_match_the_report() {
    let doc = journey();
    let report = evaluate(&doc).unwrap();
    for component in &report.components {
        let figures = explain(&doc, component.id.as_str()).unwrap().unwrap();
        let offered = figure(&figures, "Offered");
        assert_eq!(offered.value, format!("{} req/s", format_count(component.offered_rps)), "{}", component.id);
        let cost = figure(&figures, "Cost per month");
        assert_eq!(cost.value, format!("${}", format_count(component.cost_usd_per_month)), "{}", component.id);
        let errors = figure(&figures, "Errors");
        assert_eq!(errors.value, format!("{} req/s", format_count(component.errors.total())), "{}", component.id);
        for f in &figures {
            assert!(!f.how.is_empty() && !f.value.is_empty(), "{}: {f:?}", component.id);
        }
    }
    // A derived cache hit ratio is Che's approximation; one that is set is exact.
    let cache = explain(&doc, "cache").unwrap().unwrap();
    let hit = figure(&cache, "Hit ratio");
    let mut set = doc.clone();
    let index = set.components.iter().position(|c| c.kind == K::Cache).unwrap();
    set.components[index] =
        set.components[index].clone().with_choice("hit_ratio_mode", "fixed").with_param("hit_ratio", 0.8);
    let set_hit = explain(&set, "cache").unwrap().unwrap();
    let set_hit = figure(&set_hit, "Hit ratio");
    assert_eq!(set_hit.value, "80 %");
    assert_eq!(set_hit.quality, Quality::Exact);
    if hit.how.starts_with("Che") {
        assert_eq!(hit.quality, Quality::Approximate);
    } else {
        assert_eq!(hit.quality, Quality::Exact);
    }
    // The users component's rate is the traffic formula, with its inputs.
    let users = explain(&doc, "users").unwrap().unwrap();
    assert!(figure(&users, "Offered").how.starts_with("2M monthly users"), "{:?}", figure(&users, "Offered"));
}

#[test]
fn an_unknown_component_has_no_explanation() {
    assert_eq!(explain(&journey(), "nowhere").unwrap(), None);
}
