//! Applying the advisor's technique to a design: each technique of the scaling journey as
//! the concrete change that relieves a saturated component, inserted and wired as one
//! action (a batch), so one undo takes it back.

use scalelab_model::number::shortest;
use scalelab_model::{
    Component, ComponentId, ComponentKind, Document, Link, LinkMode, ParamValue, Point, Technique, fresh_id_excluding,
    param_spec,
};

use crate::action::{Action, LinkKey, ParamTarget};

/// How much a technique that scales a number scales it.
pub const SCALE: f64 = 4.0;

/// The change that applies `technique` at `component`, with a sentence saying what it does.
pub fn apply(doc: &Document, component: &ComponentId, technique: Technique) -> Result<(Action, String), String> {
    let target = doc.component(component).ok_or_else(|| format!("there is no component \"{component}\""))?;
    let name = if target.label.trim().is_empty() { component.to_string() } else { target.label.clone() };
    let kind = target.kind;
    let scaled = |key: &str| scale(target, key, SCALE);
    let times = shortest(SCALE);
    let result = match (technique, kind) {
        (Technique::HorizontalScaling, ComponentKind::Service) => {
            let mut actions = vec![scaled("instances")?];
            if choice(target, "autoscaling").as_deref() == Some("on") {
                actions.push(scaled("max_instances")?);
            }
            (Action::Batch(actions), format!("{name}: {times}x the instances"))
        }
        (Technique::HorizontalScaling, ComponentKind::ApiGateway) => {
            (scaled("instances")?, format!("{name}: {times}x the gateway instances"))
        }
        (Technique::HorizontalScaling, ComponentKind::AnalyticsSink) => {
            (scaled("ingest_rps")?, format!("{name}: {times}x the pipeline's ingest capacity"))
        }
        (Technique::Autoscaling, ComponentKind::Service) => {
            let instances = number(target, "instances");
            let most = (instances * 10.0).min(limit(kind, "max_instances"));
            let actions = vec![
                set(component, "autoscaling", ParamValue::Choice("on".to_owned())),
                set(component, "min_instances", ParamValue::Number(instances)),
                set(component, "max_instances", ParamValue::Number(most)),
            ];
            (
                Action::Batch(actions),
                format!("{name}: autoscaling from {} up to {} instances", shortest(instances), shortest(most)),
            )
        }
        (Technique::Cache, ComponentKind::Database) => {
            insert_in_front(doc, target, ComponentKind::Cache, "a cache", &name)?
        }
        (Technique::Cdn, ComponentKind::LoadBalancer) => {
            insert_in_front(doc, target, ComponentKind::Cdn, "a CDN", &name)?
        }
        (Technique::ReadReplicas, ComponentKind::Database) => {
            let replicas = number(target, "read_replicas");
            let more = (replicas * 3.0).max(3.0).min(limit(kind, "read_replicas"));
            (
                set(component, "read_replicas", ParamValue::Number(more)),
                format!("{name}: {} read replicas", shortest(more)),
            )
        }
        (Technique::Sharding, ComponentKind::Database) => {
            (scaled("shards")?, format!("{name}: {times}x the shards (consistent hashing)"))
        }
        (Technique::ConnectionPooling, ComponentKind::Database) => {
            (scaled("max_connections")?, format!("{name}: a connection pooler ({times}x the usable connections)"))
        }
        (Technique::AsyncCalls, ComponentKind::Service) => (
            scaled("concurrency")?,
            format!("{name}: non-blocking calls ({times}x the requests in flight per instance)"),
        ),
        (Technique::QueueAndWorkers, ComponentKind::Service) => behind_a_queue(doc, target, &name)?,
        (Technique::MoreWorkers, ComponentKind::Worker) => {
            (scaled("workers")?, format!("{name}: {times}x the workers"))
        }
        (Technique::MoreWorkers, ComponentKind::Queue) => {
            let workers: Vec<Action> = doc
                .links
                .iter()
                .filter(|l| l.from == *component)
                .filter_map(|l| doc.component(&l.to))
                .filter(|c| c.kind == ComponentKind::Worker)
                .map(|c| scale(c, "workers", SCALE))
                .collect::<Result<_, _>>()?;
            if workers.is_empty() {
                return Err(format!("{name} has no worker pool to grow"));
            }
            (Action::Batch(workers), format!("{name}: {times}x the workers that drain it"))
        }
        (Technique::MorePartitions, ComponentKind::Queue) => {
            (scaled("partitions")?, format!("{name}: {times}x the partitions"))
        }
        (Technique::RateLimitIncrease, ComponentKind::ApiGateway | ComponentKind::ExternalApi) => {
            (scaled("rate_limit_rps")?, format!("{name}: {times}x the rate limit"))
        }
        (Technique::RateLimitIncrease, ComponentKind::Serverless) => {
            (scaled("concurrency_limit")?, format!("{name}: {times}x the concurrency limit"))
        }
        (Technique::MoreLoadBalancers, ComponentKind::LoadBalancer) => {
            (scaled("nodes")?, format!("{name}: {times}x the load balancer nodes"))
        }
        (Technique::CacheCluster, ComponentKind::Cache) => {
            (scaled("nodes")?, format!("{name}: {times}x the cache nodes"))
        }
        (Technique::PrefixSpreading, ComponentKind::ObjectStorage) => {
            (scaled("prefixes")?, format!("{name}: keys spread over {times}x the prefixes"))
        }
        (Technique::MultiRegion, ComponentKind::Dns | ComponentKind::Cdn) => {
            copies_in_other_regions(doc, target, &name)?
        }
        (technique, kind) => {
            return Err(format!("\"{}\" does not apply to a {}", technique.label(), kind.name().to_ascii_lowercase()));
        }
    };
    Ok(result)
}

fn set(component: &ComponentId, key: &str, value: ParamValue) -> Action {
    Action::SetParam { target: ParamTarget::Component(component.clone()), key: key.to_owned(), value: Some(value) }
}

/// A parameter's value, or its default.
fn number(component: &Component, key: &str) -> f64 {
    match component.params.get(key) {
        Some(ParamValue::Number(v)) => *v,
        _ => param_spec(component.kind, key).map_or(0.0, |s| s.default),
    }
}

fn choice(component: &Component, key: &str) -> Option<String> {
    match component.params.get(key) {
        Some(ParamValue::Choice(c)) => Some(c.clone()),
        _ => param_spec(component.kind, key).and_then(|s| s.choices.get(s.default as usize)).map(|c| (*c).to_owned()),
    }
}

fn limit(kind: ComponentKind, key: &str) -> f64 {
    param_spec(kind, key).map_or(f64::MAX, |s| s.max)
}

/// `factor` times a count (rounded, within its range).
fn scale(component: &Component, key: &str, factor: f64) -> Result<Action, String> {
    let spec = param_spec(component.kind, key)
        .ok_or_else(|| format!("a {} has no parameter {key}", component.kind.name().to_ascii_lowercase()))?;
    let now = number(component, key);
    let next = (now * factor).ceil().min(spec.max);
    if next <= now {
        return Err(format!(
            "{} is already at the most {} it may have ({})",
            component.id,
            spec.name,
            shortest(spec.max)
        ));
    }
    Ok(set(&component.id, key, ParamValue::Number(next)))
}

/// A new component of `kind` between `target` and every caller that reaches it over a
/// call: the callers call the new one, which calls the target.
fn insert_in_front(
    doc: &Document,
    target: &Component,
    kind: ComponentKind,
    what: &str,
    name: &str,
) -> Result<(Action, String), String> {
    let callers: Vec<&Link> = doc.links.iter().filter(|l| l.to == target.id && l.mode == LinkMode::Call).collect();
    if callers.is_empty() {
        return Err(format!("nothing calls {name}, so {what} would have nothing to serve"));
    }
    let id = fresh_id_excluding(doc, kind, &[]);
    let pos = Point::new(target.pos_world.x - 220.0, target.pos_world.y - 110.0);
    let mut inserted = Component::new(id.as_str(), kind, kind.name(), pos);
    inserted.parent = target.parent.clone();
    let mut actions = vec![Action::AddComponents {
        components: vec![inserted],
        links: vec![Link::call(id.as_str(), target.id.as_str())],
    }];
    for link in callers {
        actions.push(Action::Disconnect(LinkKey { from: link.from.clone(), to: link.to.clone() }));
        actions.push(Action::Connect(Link { to: id.clone(), ..link.clone() }));
    }
    Ok((Action::Batch(actions), format!("{what} in front of {name}")))
}

/// The service's calls to slow dependencies (external APIs, functions, object storage)
/// moved behind a queue and a worker pool: the service publishes and returns.
fn behind_a_queue(doc: &Document, service: &Component, name: &str) -> Result<(Action, String), String> {
    let slow: Vec<&Link> = doc
        .links
        .iter()
        .filter(|l| l.from == service.id && l.mode == LinkMode::Call)
        .filter(|l| {
            doc.component(&l.to).is_some_and(|c| {
                matches!(c.kind, ComponentKind::ExternalApi | ComponentKind::Serverless | ComponentKind::ObjectStorage)
            })
        })
        .collect();
    if slow.is_empty() {
        return Err(format!("{name} makes no call that could wait (to an external API, a function or storage)"));
    }
    let queue = fresh_id_excluding(doc, ComponentKind::Queue, &[]);
    let worker = fresh_id_excluding(doc, ComponentKind::Worker, std::slice::from_ref(&queue));
    let at = |dx: f64| Point::new(service.pos_world.x + dx, service.pos_world.y + 150.0);
    let mut components = vec![
        Component::new(queue.as_str(), ComponentKind::Queue, "Queue", at(0.0)),
        Component::new(worker.as_str(), ComponentKind::Worker, "Workers", at(220.0)),
    ];
    for c in &mut components {
        c.parent = service.parent.clone();
    }
    let mut links =
        vec![Link::publish(service.id.as_str(), queue.as_str()), Link::call(queue.as_str(), worker.as_str())];
    let mut actions = Vec::new();
    for link in &slow {
        links.push(Link { from: worker.clone(), ..(*link).clone() });
        actions.push(Action::Disconnect(LinkKey { from: link.from.clone(), to: link.to.clone() }));
    }
    if let Some(Link { params, .. }) = links.first_mut() {
        // Publish as often as the slowest call was made.
        let calls = slow
            .iter()
            .map(|l| match l.params.get("calls_per_request") {
                Some(ParamValue::Number(v)) => *v,
                _ => 1.0,
            })
            .fold(0.0, f64::max);
        params.insert("calls_per_request".to_owned(), ParamValue::Number(calls));
    }
    actions.insert(0, Action::AddComponents { components, links });
    Ok((Action::Batch(actions), format!("{name}'s slow calls behind a queue and workers")))
}

/// Two more of an edge component (DNS or CDN), as in other regions: each with the same
/// links onwards, and every caller spreading over all three.
fn copies_in_other_regions(doc: &Document, target: &Component, name: &str) -> Result<(Action, String), String> {
    let mut taken: Vec<ComponentId> = Vec::new();
    let mut components = Vec::new();
    let mut links = Vec::new();
    for n in 1..=2 {
        let id = fresh_id_excluding(doc, target.kind, &taken);
        taken.push(id.clone());
        let pos = Point::new(target.pos_world.x, target.pos_world.y + 130.0 * f64::from(n));
        let mut copy = Component::new(id.as_str(), target.kind, &format!("{} ({})", target.label, n + 1), pos);
        copy.params = target.params.clone();
        copy.parent = target.parent.clone();
        components.push(copy);
        for link in doc.links.iter().filter(|l| l.from == target.id) {
            links.push(Link { from: id.clone(), ..link.clone() });
        }
        for link in doc.links.iter().filter(|l| l.to == target.id) {
            links.push(Link { to: id.clone(), ..link.clone() });
        }
    }
    Ok((
        Action::AddComponents { components, links },
        format!("{name} in two more regions, callers spread over all three"),
    ))
}
