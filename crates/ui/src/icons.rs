//! A small line icon for each component kind (24x24 paths, stroked in the text colour).

use scalelab_model::ComponentKind;
use scalelab_model::number::shortest;
use yew::prelude::*;

fn path(kind: ComponentKind) -> &'static str {
    use ComponentKind as K;
    match kind {
        K::Users => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM5 20c0-4 3-6 7-6s7 2 7 6",
        K::Dns => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
        K::Cdn => "M7 18h10a4 4 0 0 0 0-8 6 6 0 0 0-11.5 1.5A3.5 3.5 0 0 0 7 18z",
        K::LoadBalancer => "M12 4v6M12 10l-7 9M12 10l7 9M12 10v9",
        K::ApiGateway => "M4 20V8l8-4 8 4v12M9 20v-6h6v6",
        K::Service => "M4 4h16v7H4zM4 13h16v7H4zM7.5 7.5h.01M7.5 16.5h.01",
        K::Serverless => "M6 20l6-10M8 4h4l7 16",
        K::TrafficSplit => "M3 12h7l4-6h7M10 12l4 6h7",
        K::Cache => "M13 3L5 14h6l-1 7 8-11h-6z",
        K::Database => "M4 6c0-2.7 16-2.7 16 0v12c0 2.7-16 2.7-16 0zM4 6c0 2.7 16 2.7 16 0M4 12c0 2.7 16 2.7 16 0",
        K::ObjectStorage => "M4 7h16l-2 13H6zM4 7c0-2.7 16-2.7 16 0",
        K::Queue => "M3 7h18v10H3zM8 7v10M13 7v10",
        K::Worker => "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v4M12 18v4M2 12h4M18 12h4",
        K::ExternalApi => "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
        K::AnalyticsSink => "M5 20V11M11 20V4M17 20v-8M2 20h20",
        K::Region => "M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2zM9 4v14M15 6v14",
        K::Zone => "M4 4h16v16H4zM4 12h16",
    }
}

/// The kind's icon as an `<svg>` for HTML (palette) or nested in the canvas.
pub fn icon(kind: ComponentKind, size: f64, x: f64, y: f64) -> Html {
    html! {
        <svg class="icon" width={shortest(size)} height={shortest(size)} x={shortest(x)} y={shortest(y)}
            viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={path(kind)} />
        </svg>
    }
}
