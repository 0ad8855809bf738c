//! `langso`: a device's sync from the command line, for scripts, volunteers' laptops and
//! benchmarks: `enroll`, `sync` and `status` on a local store.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use langso_core::i18n::Value;
use langso_core::time::format_datetime;
use langso_core::{Localizer, Store};
use langso_sync::SyncError;
use langso_sync::client::Client;

#[derive(Parser)]
#[command(name = "langso", version, about = "Làng Số device sync")]
struct Cli {
    /// The device's store.
    #[arg(long, global = true, default_value = "langso.sqlite3")]
    store: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Enroll this device with a server using a join code.
    Enroll {
        #[arg(long)]
        server: String,
        #[arg(long)]
        code: String,
        #[arg(long, default_value = "langso")]
        name: String,
    },
    /// Push what waits and pull what is new, with every server this device is enrolled with.
    Sync,
    /// What waits to be sent, and when each server last synced.
    Status,
}

fn language() -> &'static str {
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("en") => "en",
        _ => "vi",
    }
}

fn say(id: &str, args: &[(&str, Value<'_>)]) {
    println!("{}", Localizer::embedded().format(language(), id, args));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.localize(Localizer::embedded(), language()));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), SyncError> {
    let store = Arc::new(Store::open(&cli.store)?);
    match cli.command {
        Command::Enroll { server, code, name } => {
            let (_, enrolled) = Client::enroll(&server, &code, &store, &name).await?;
            say("cli-enrolled", &[("server", Value::from(server)), ("role", Value::from(enrolled.role.as_str()))]);
        }
        Command::Sync => {
            let peers = store.peers()?;
            if peers.is_empty() {
                say("cli-not-enrolled", &[]);
            }
            for (peer, token) in peers {
                let report = Client::new(&peer, &token)?.sync(&store).await?;
                say(
                    "cli-synced",
                    &[
                        ("server", Value::from(peer)),
                        ("pushed", Value::from(report.pushed)),
                        ("pulled", Value::from(report.pulled)),
                        ("rejected", Value::from(report.rejected.len())),
                    ],
                );
            }
        }
        Command::Status => {
            let peers = store.peers()?;
            if peers.is_empty() {
                say("cli-not-enrolled", &[]);
            }
            for (peer, _) in peers {
                let state = store.peer_state(&peer)?;
                let last = state.last_ok_at.map_or_else(|| "—".to_owned(), |ms| format_datetime(ms, 0));
                say(
                    "cli-status",
                    &[
                        ("server", Value::from(peer.as_str())),
                        ("waiting", Value::from(store.waiting(&peer)?)),
                        ("last", Value::from(last)),
                    ],
                );
            }
        }
    }
    Ok(())
}
