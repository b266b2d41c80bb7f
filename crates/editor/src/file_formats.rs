//! Files a design travels in: its JSON, and a standalone SVG picture of the canvas with
//! the JSON embedded, so dropping the picture back in restores the design.

use std::collections::BTreeSet;

use scalelab_model::number::{fixed, shortest};
use scalelab_model::{Document, LinkMode};

use crate::geometry::{CONTAINER_TITLE, NODE_HEIGHT, NODE_WIDTH, Rect, bounds, container_rects, link_segment};

const METADATA_OPEN: &str = "<scalelab-document xmlns=\"https://scalelab.invalid/document\">";
const METADATA_CLOSE: &str = "</scalelab-document>";
const MARGIN: f64 = 40.0;

/// Reads a design from a file's text: JSON, or an SVG exported by scalelab.
pub fn document_from_text(text: &str) -> Result<Document, String> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return Document::from_json(text).map_err(|e| e.to_string());
    }
    let start = text.find(METADATA_OPEN).map(|i| i + METADATA_OPEN.len());
    let end = text.find(METADATA_CLOSE);
    match (start, end) {
        (Some(start), Some(end)) if start <= end => {
            Document::from_json(&unescape(&text[start..end])).map_err(|e| e.to_string())
        }
        _ => Err("the file is neither a scalelab design (JSON) nor an SVG exported by scalelab".to_owned()),
    }
}

/// A standalone SVG of the design (light colours, no stylesheet needed), with the
/// document embedded in its metadata.
pub fn svg_document(doc: &Document) -> String {
    let area = bounds(doc).unwrap_or(Rect::centred(Default::default(), 200.0, 100.0)).grow(MARGIN);
    let containers = container_rects(doc, &BTreeSet::new());
    let (min_x, min_y, width, height) =
        (shortest(area.min.x), shortest(area.min.y), shortest(area.width()), shortest(area.height()));
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{min_x} {min_y} {width} {height}\" width=\"{}\" height=\"{}\" \
         font-family=\"system-ui, sans-serif\">\n<metadata>{METADATA_OPEN}{}{METADATA_CLOSE}</metadata>\n\
         <title>{}</title>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#8793a3\"/></marker></defs>\n\
         <rect x=\"{min_x}\" y=\"{min_y}\" width=\"{width}\" height=\"{height}\" fill=\"#f7f7f5\"/>\n",
        fixed(area.width(), 0),
        fixed(area.height(), 0),
        escape(&doc.to_json_pretty()),
        escape(&doc.name),
    );
    for c in doc.components.iter().filter(|c| c.kind.is_container()) {
        if let Some(r) = containers.get(&c.id) {
            svg += &format!(
                "<g><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"14\" fill=\"#2f6fde10\" stroke=\"#2f6fde\" \
                 stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1d232b\">{}</text></g>\n",
                shortest(r.min.x),
                shortest(r.min.y),
                shortest(r.width()),
                shortest(r.height()),
                shortest(r.min.x + 10.0),
                shortest(r.min.y + CONTAINER_TITLE - 8.0),
                escape(&label(c))
            );
        }
    }
    for link in &doc.links {
        let (Some(from), Some(to)) = (doc.component(&link.from), doc.component(&link.to)) else { continue };
        let (a, b) = link_segment(from, to);
        let dash = if link.mode == LinkMode::Publish { " stroke-dasharray=\"6 4\"" } else { "" };
        svg += &format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8793a3\" stroke-width=\"2\"{dash} marker-end=\"url(#arrow)\"/>\n",
            shortest(a.x),
            shortest(a.y),
            shortest(b.x),
            shortest(b.y)
        );
    }
    let (node_width, node_height) = (shortest(NODE_WIDTH), shortest(NODE_HEIGHT));
    for c in doc.components.iter().filter(|c| !c.kind.is_container()) {
        let (x, y) = (c.pos_world.x - NODE_WIDTH / 2.0, c.pos_world.y - NODE_HEIGHT / 2.0);
        let centre_x = shortest(c.pos_world.x);
        svg += &format!(
            "<g><rect x=\"{}\" y=\"{}\" width=\"{node_width}\" height=\"{node_height}\" rx=\"10\" fill=\"#2e8b57\"/>\
             <text x=\"{centre_x}\" y=\"{}\" font-size=\"14\" font-weight=\"600\" fill=\"#fff\" text-anchor=\"middle\">{}</text>\
             <text x=\"{centre_x}\" y=\"{}\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\">{}</text></g>\n",
            shortest(x),
            shortest(y),
            shortest(y + 28.0),
            escape(&label(c)),
            shortest(y + 46.0),
            escape(c.kind.name())
        );
    }
    svg += "</svg>\n";
    svg
}

fn label(c: &scalelab_model::Component) -> String {
    if c.label.is_empty() { c.id.to_string() } else { c.label.clone() }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}
