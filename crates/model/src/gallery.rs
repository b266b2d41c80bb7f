//! The example designs the site ships in `public/examples/`: each file's name, its
//! design's name and how many components it has, for the gallery to list without
//! carrying the designs themselves (the page fetches one when it is opened). A test reads
//! the files and checks this list against them.

/// (file in `public/examples/`, the design's name, its number of components)
pub const EXAMPLES: &[(&str, &str, usize)] = &[
    ("starter.json", "Two app servers behind a load balancer", 5),
    ("stage-1-single-server.json", "Stage 1 (1K-10K users): one server and a database", 3),
    ("stage-2-load-balancer-cache.json", "Stage 2 (10K-100K users): load balancer, cache, replicas, a queue", 7),
    ("stage-3-cdn-sharding.json", "Stage 3 (100K-1M users): CDN, rate limiting, autoscaling, sharding", 9),
    ("stage-4-multi-region.json", "Stage 4 (1M-100M users): two regions behind geo-DNS", 19),
    ("stage-5-planet-scale.json", "Stage 5 (100M-1B users): everything at once, automated", 19),
];

#[cfg(test)]
mod tests {
    use super::EXAMPLES;
    use crate::Document;

    #[test]
    fn the_list_matches_the_files_and_names_every_one() {
        let dir = format!("{}/../../public/examples", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".json"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = EXAMPLES.iter().map(|(file, _, _)| file.to_string()).collect();
        listed.sort();
        assert_eq!(listed, files, "every example file is listed, and only those");
        for (file, name, components) in EXAMPLES {
            let doc = Document::from_json(&std::fs::read_to_string(format!("{dir}/{file}")).unwrap()).unwrap();
            assert_eq!((doc.name.as_str(), doc.components.len()), (*name, *components), "{file}");
        }
    }
}
