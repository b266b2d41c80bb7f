//! `scalelab link encode|decode`: the share-link codec the web app uses, on the command line.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use scalelab_model::share_link;

#[derive(Args)]
pub struct LinkArgs {
    #[command(subcommand)]
    command: LinkCommand,
}

#[derive(Subcommand)]
enum LinkCommand {
    /// Print the share link of a design file: `#s1.…`, or a whole URL with --url.
    Encode {
        /// The design (JSON).
        file: PathBuf,
        /// The address of the site (e.g. https://example.org/scalelab/); the fragment is appended.
        #[arg(long)]
        url: Option<String>,
    },
    /// Print the design (JSON) a share link carries: a whole URL, `#s1.…` or `s1.…`; `-` reads stdin.
    Decode {
        /// The link or its fragment.
        link: String,
    },
}

pub fn link(args: &LinkArgs) -> Result<String, String> {
    match &args.command {
        LinkCommand::Encode { file, url } => {
            let doc = crate::load::design(file, None)?;
            let fragment = share_link::encode(&doc);
            let base = url.as_deref().map_or("", |u| u.split('#').next().unwrap_or(u));
            Ok(format!("{base}#{fragment}"))
        }
        LinkCommand::Decode { link } => {
            let link = if link == "-" {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read stdin: {e}"))?;
                text
            } else {
                link.clone()
            };
            let doc = share_link::decode(&link).map_err(|e| e.to_string())?;
            Ok(doc.to_json_pretty())
        }
    }
}
