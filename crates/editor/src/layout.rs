//! Tidy up: a layered layout of the call graph. Each component goes in the column of its
//! longest path from a source (users first), ordered within the column by where its
//! callers sit, so links mostly run left to right without crossing.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use scalelab_model::{ComponentId, Document, Point};

use crate::geometry::{CONTAINER_PADDING, NODE_HEIGHT, NODE_WIDTH, REGION_HEIGHT};

/// Distance between columns and between rows, in world units.
pub const COLUMN_GAP: f64 = NODE_WIDTH + 90.0;
pub const ROW_GAP: f64 = NODE_HEIGHT + 46.0;

/// New positions for every component that moves. Regions and zones go to the middle of
/// their contents; empty ones are lined up under the graph.
pub fn tidy_moves(doc: &Document) -> Vec<(ComponentId, Point)> {
    let plain: Vec<usize> =
        doc.components.iter().enumerate().filter(|(_, c)| !c.kind.is_container()).map(|(i, _)| i).collect();
    if plain.is_empty() {
        return Vec::new();
    }
    let columns = columns(doc, &plain);
    // New positions, indexed like `doc.components`.
    let mut positions: Vec<Option<Point>> = vec![None; doc.components.len()];
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let (left, top) = (100.0, 100.0);
    for (column, members) in columns.iter().enumerate() {
        let offset = (tallest - members.len() as f64) / 2.0;
        for (row, &i) in members.iter().enumerate() {
            if let Some(slot) = positions.get_mut(i) {
                *slot = Some(Point::new(left + column as f64 * COLUMN_GAP, top + (offset + row as f64) * ROW_GAP));
            }
        }
    }
    place_containers(doc, &mut positions, top + tallest * ROW_GAP + REGION_HEIGHT / 2.0 + CONTAINER_PADDING);
    doc.components
        .iter()
        .zip(positions)
        .filter_map(|(c, p)| p.filter(|p| *p != c.pos_world).map(|p| (c.id.clone(), p)))
        .collect()
}

/// The components (indices into `doc.components`) of each column, ordered top to bottom.
fn columns(doc: &Document, plain: &[usize]) -> Vec<Vec<usize>> {
    let mut graph = DiGraph::<usize, ()>::with_capacity(plain.len(), doc.links.len());
    let node_of: BTreeMap<&ComponentId, usize> = scalelab_model::ordered(
        plain.iter().filter_map(|&i| doc.components.get(i).map(|c| (&c.id, graph.add_node(i).index()))),
    );
    for link in &doc.links {
        if let (Some(&a), Some(&b)) = (node_of.get(&link.from), node_of.get(&link.to)) {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
    }
    // A valid design has no cycles; if one slips through, fall back to document order.
    let order = petgraph::algo::toposort(&graph, None).unwrap_or_else(|_| graph.node_indices().collect());
    let callers = |n: NodeIndex| graph.neighbors_directed(n, petgraph::Direction::Incoming);
    // Node indices are 0..node_count, so every lookup below finds its slot.
    let mut depth: Vec<usize> = vec![0; graph.node_count()];
    for &n in &order {
        let deepest = callers(n).filter_map(|p| depth.get(p.index()).map(|d| d + 1)).max().unwrap_or(0);
        if let Some(slot) = depth.get_mut(n.index()) {
            *slot = deepest;
        }
    }
    let column_count = depth.iter().max().map_or(1, |d| d + 1);
    let mut columns: Vec<Vec<NodeIndex>> = vec![Vec::new(); column_count];
    for n in graph.node_indices() {
        if let Some(column) = depth.get(n.index()).and_then(|&d| columns.get_mut(d)) {
            column.push(n);
        }
    }
    // Order each column by the mean row of its callers (the barycentre heuristic).
    let mut row: Vec<f64> = vec![f64::NAN; graph.node_count()];
    for column in &mut columns {
        let key = |n: &NodeIndex| {
            let rows: Vec<f64> =
                callers(*n).filter_map(|p| row.get(p.index()).copied()).filter(|r| !r.is_nan()).collect();
            if rows.is_empty() { f64::INFINITY } else { rows.iter().sum::<f64>() / rows.len() as f64 }
        };
        let mut keyed: Vec<(f64, usize, NodeIndex)> = column.iter().enumerate().map(|(i, n)| (key(n), i, *n)).collect();
        // A total order (the place breaks ties).
        scalelab_model::sort_by_insertion(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_lt());
        *column = keyed.into_iter().map(|(_, _, n)| n).collect();
        for (i, n) in column.iter().enumerate() {
            if let Some(slot) = row.get_mut(n.index()) {
                *slot = i as f64;
            }
        }
    }
    columns.into_iter().map(|c| c.into_iter().filter_map(|n| graph.node_weight(n).copied()).collect()).collect()
}

/// Puts each zone, then each region, in the middle of its contents; empty ones in a row
/// at `spare_y`.
fn place_containers(doc: &Document, positions: &mut [Option<Point>], spare_y: f64) {
    let mut spare_x = 100.0;
    for kind in [scalelab_model::ComponentKind::Zone, scalelab_model::ComponentKind::Region] {
        for (index, container) in doc.components.iter().enumerate().filter(|(_, c)| c.kind == kind) {
            let inside: Vec<Point> = doc
                .components
                .iter()
                .zip(positions.iter())
                .filter(|(c, _)| c.parent.as_ref() == Some(&container.id))
                .filter_map(|(_, p)| *p)
                .collect();
            let pos = if inside.is_empty() {
                let p = Point::new(spare_x, spare_y);
                spare_x += 460.0;
                p
            } else {
                let n = inside.len() as f64;
                Point::new(inside.iter().map(|p| p.x).sum::<f64>() / n, inside.iter().map(|p| p.y).sum::<f64>() / n)
            };
            if let Some(slot) = positions.get_mut(index) {
                *slot = Some(pos);
            }
        }
    }
}
