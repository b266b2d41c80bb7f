//! End-to-end tests of the `scalelab` binary: output and error messages.

use std::path::PathBuf;
use std::process::Command;

fn scalelab(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_scalelab")).args(args).output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scalelab-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Each test writes its own copy: the tests run in parallel.
fn default_design(test: &str) -> PathBuf {
    write_temp(&format!("{test}.json"), &scalelab_model::Document::default_topology().to_json_pretty())
}

#[test]
fn run_prints_per_component_utilisation_as_json() {
    let path = default_design("json");
    let (ok, stdout, stderr) = scalelab(&["run", path.to_str().unwrap(), "--users", "1M", "--json"]);
    assert!(ok, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let components = report["components"].as_array().unwrap();
    assert_eq!(components.len(), 5);
    let app = components.iter().find(|c| c["id"] == "app-1").unwrap();
    assert_eq!(app["utilisation"], 1.0);
    assert_eq!(app["saturated"], true);
    assert_eq!(app["limit"], "cpu");
}

#[test]
fn run_prints_a_table_by_default() {
    let path = default_design("table");
    let (ok, stdout, _) = scalelab(&["run", path.to_str().unwrap()]);
    assert!(ok);
    assert!(stdout.contains("1K users -> 2.56 req/s at the daily peak"), "{stdout}");
    assert!(stdout.contains("app-1"), "{stdout}");
}

#[test]
fn bad_input_gives_a_clear_message_and_a_failure() {
    let malformed = write_temp("malformed.json", "{\"schema_version\": 1, ");
    let mut doc = scalelab_model::Document::default_topology();
    doc.links.push(scalelab_model::Link::call("lb", "nowhere"));
    let dangling = write_temp("dangling.json", &doc.to_json_pretty());
    let design = default_design("bad-input");
    let cases: [(Vec<&str>, &str); 4] = [
        (vec!["run", "/definitely/not/here.json"], "cannot read /definitely/not/here.json"),
        (vec!["run", malformed.to_str().unwrap()], "not valid JSON"),
        (vec!["run", dangling.to_str().unwrap()], "\"nowhere\" names a component that does not exist"),
        (vec!["run", design.to_str().unwrap(), "--users=-5"], "--users: -5 users is outside the range"),
    ];
    for (args, expected) in cases {
        let (ok, stdout, stderr) = scalelab(&args);
        assert!(!ok, "{args:?} succeeded: {stdout}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn sweep_names_the_first_bottleneck_and_its_cure() {
    let path = default_design("sweep");
    let (ok, stdout, stderr) = scalelab(&["sweep", path.to_str().unwrap(), "--json"]);
    assert!(ok, "{stderr}");
    let sweep: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sweep["points"].as_array().unwrap().len(), 61);
    let first = &sweep["breaks"][0];
    assert!(first["component"] == "app-1" || first["component"] == "app-2", "{first}");
    assert_eq!(first["resource"], "cpu");
    // 2 servers x 200 req/s = 400 req/s, reached at 400 / 2.558e-3 = ~156K users.
    let users = first["users"].as_f64().unwrap();
    assert!((users / 156_400.0 - 1.0).abs() < 0.01, "{users}");
}

#[test]
fn run_over_time_prints_a_series() {
    let path = default_design("series");
    let (ok, stdout, stderr) = scalelab(&["run", path.to_str().unwrap(), "--seconds", "30", "--json"]);
    assert!(ok, "{stderr}");
    let run: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(run["samples"].as_array().unwrap().len(), 30);
    assert!(run["requests"].as_f64().unwrap() > 70.0);
    let (ok, _, stderr) = scalelab(&["run", path.to_str().unwrap(), "--seconds=-3"]);
    assert!(!ok && stderr.contains("run length is -3"), "{stderr}");
}

#[test]
fn the_request_engine_reports_measured_tails_and_replays_from_its_seed() {
    let path = default_design("request");
    let args = ["run", path.to_str().unwrap(), "--users", "20K", "--engine", "request", "--events", "300000"];
    let (ok, stdout, stderr) = scalelab(&[&args[..], &["--json", "--seed", "5"]].concat());
    assert!(ok, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(report["events"].as_u64().unwrap() <= 300_000);
    let e2e = &report["end_to_end"]["latency"];
    assert!(e2e["p999_ms"].as_f64().unwrap() >= e2e["p99_ms"].as_f64().unwrap());
    assert!(e2e["mean_ms_std_error"].as_f64().unwrap() > 0.0);
    let app = report["components"].as_array().unwrap().iter().find(|c| c["id"] == "app-1").unwrap();
    assert!(app["queues"][0]["simulated"][0]["requests"].as_u64().unwrap() > 1_000);
    assert_eq!(report["traces"].as_array().unwrap().len(), 32);
    let (_, again, _) = scalelab(&[&args[..], &["--json", "--seed", "5"]].concat());
    assert_eq!(stdout, again);
    let (ok, table, _) = scalelab(&args);
    assert!(ok);
    assert!(table.contains("end to end (100000 sampled paths"), "{table}");
    assert!(table.contains("app-1"), "{table}");
    let (ok, _, stderr) = scalelab(&[&args[..6], &["--events", "0"]].concat());
    assert!(!ok);
    assert!(stderr.contains("event budget"), "{stderr}");
}

#[test]
fn check_names_unfinished_and_invalid_components() {
    let path = default_design("check-ok");
    let (ok, stdout, stderr) = scalelab(&["check", path.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("complete (5 components"), "{stdout}");

    let mut doc = scalelab_model::Document::default_topology();
    doc.components.push(scalelab_model::Component::new(
        "orphan",
        scalelab_model::ComponentKind::Cache,
        "Orphan",
        scalelab_model::Point::new(0.0, 0.0),
    ));
    doc.components.push(scalelab_model::Component::new(
        "lonely-lb",
        scalelab_model::ComponentKind::LoadBalancer,
        "LB",
        scalelab_model::Point::new(0.0, 0.0),
    ));
    doc.links.push(scalelab_model::Link::call("users", "lonely-lb"));
    let path = write_temp("check-unfinished.json", &doc.to_json_pretty());
    let (ok, _, stderr) = scalelab(&["check", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("component \"orphan\": no traffic reaches it"), "{stderr}");
    assert!(stderr.contains("component \"lonely-lb\": a load balancer passes requests on"), "{stderr}");
    // The engine still runs it, with the same findings as warnings.
    let (ok, stdout, _) = scalelab(&["run", path.to_str().unwrap()]);
    assert!(ok);
    assert!(stdout.contains("warning: component \"orphan\""), "{stdout}");

    let cyclic = doc.to_json_pretty().replace("\"links\": [", "\"links\": [{\"from\": \"app-1\", \"to\": \"lb-1\"}, ");
    let path = write_temp("check-cycle.json", &cyclic);
    let (ok, _, stderr) = scalelab(&["check", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("cycle"), "{stderr}");
}

#[test]
fn link_encode_then_decode_gives_the_design_back() {
    let path = default_design("link");
    let (ok, link, stderr) = scalelab(&["link", "encode", path.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let link = link.trim();
    assert!(link.starts_with("#s1."), "{link}");
    let (ok, json, stderr) = scalelab(&["link", "decode", link]);
    assert!(ok, "{stderr}");
    assert_eq!(scalelab_model::Document::from_json(&json).unwrap(), scalelab_model::Document::default_topology());
    let (ok, url, _) = scalelab(&["link", "encode", path.to_str().unwrap(), "--url", "https://example.org/lab/"]);
    assert!(ok);
    assert_eq!(url.trim(), format!("https://example.org/lab/{link}"));
    let (ok, json, _) = scalelab(&["link", "decode", url.trim()]);
    assert!(ok && json.contains(&format!("\"schema_version\": {}", scalelab_model::SCHEMA_VERSION)), "{json}");
}

#[test]
fn link_decode_of_a_bad_link_says_what_is_wrong() {
    let path = default_design("badlink");
    let (_, link, _) = scalelab(&["link", "encode", path.to_str().unwrap()]);
    let cut = &link.trim()[..40];
    let (ok, _, stderr) = scalelab(&["link", "decode", cut]);
    assert!(!ok);
    assert!(stderr.contains("error: the link is damaged or cut off"), "{stderr}");
    let (ok, _, stderr) = scalelab(&["link", "decode", "#s5.AAAA"]);
    assert!(!ok && stderr.contains("format \"s5\""), "{stderr}");
}

#[test]
fn explain_says_how_a_component_s_figures_are_computed() {
    let path = default_design("explain");
    let doc = scalelab_model::Document::default_topology();
    let service = doc.components.iter().find(|c| c.kind == scalelab_model::ComponentKind::Service).unwrap();
    let (ok, stdout, stderr) = scalelab(&["explain", path.to_str().unwrap(), service.id.as_str(), "--users", "100K"]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Offered: "), "{stdout}");
    assert!(stdout.contains("\nCapacity: "), "{stdout}");
    assert!(stdout.contains(" servers ÷ "), "{stdout}");
    assert!(stdout.contains("\nWaiting: "), "{stdout}");
    assert!(stdout.contains("(approximate)") && stdout.contains("(exact)"), "{stdout}");
    let (ok, _, stderr) = scalelab(&["explain", path.to_str().unwrap(), "nowhere"]);
    assert!(!ok);
    assert!(stderr.contains("no component `nowhere`"), "{stderr}");
}
