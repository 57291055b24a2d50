//! `cargo run -p netra-text --example explain -- ELECTION.toml "text"`:
//! what `netra explain` prints, without the CLI.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(election), Some(text)) = (args.next(), args.next()) else {
        eprintln!("usage: explain ELECTION-ID \"text\"");
        std::process::exit(2);
    };
    let m = common::matcher(&election);
    for w in m.warnings() {
        eprintln!("warning: {w}");
    }
    print!("{}", netra_text::explain(&text, &m));
}
