//! `langso`, the Làng Số device on the command line, for scripts, volunteers' laptops and
//! benchmarks. It works on a local store like a phone's: `enroll` joins a server with a join
//! code, `sync` pushes what waits and pulls what is new, `status` tells what waits and when
//! each server last synced, and `hub` serves a training session's phones from a laptop (the
//! server crate's hub mode) while syncing upstream whenever the server can be reached. What
//! it prints are the `cli-*` messages of `locales/<lang>/cli.ftl`, in the terminal's language.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use langso_core::Store;
use langso_core::i18n::Arg;
use langso_core::time::format_datetime;
use langso_server::ServerError;
use langso_server::hub::Hub;
use langso_server::terminal::{language, role_name, say};
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
    /// Serve the phones of a training session from this laptop, and sync upstream whenever
    /// the server can be reached. `--code` (a volunteer's join code) is needed the first time.
    Hub {
        #[arg(long, default_value = "langso-hub")]
        data: PathBuf,
        #[arg(long)]
        upstream: String,
        #[arg(long)]
        code: Option<String>,
        /// Where phones connect; the laptop's address on the village Wi-Fi.
        #[arg(long, default_value = "0.0.0.0:8765")]
        listen: std::net::SocketAddr,
        /// Seconds between attempts to sync upstream.
        #[arg(long, default_value_t = 60)]
        every: u64,
    },
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
            eprintln!("{}", e.localize(language()));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), ServerError> {
    if let Command::Hub { data, upstream, code, listen, every } = &cli.command {
        return hub(data, upstream, code.as_deref(), *listen, *every).await;
    }
    let store = Arc::new(Store::open(&cli.store)?);
    match cli.command {
        Command::Enroll { server, code, name } => {
            let (_, enrolled) = Client::enroll(&server, &code, &store, &name).await?;
            say("cli-enrolled", &[("server", Arg::from(server)), ("role", Arg::from(role_name(enrolled.role)))]);
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
                        ("server", Arg::from(peer)),
                        ("pushed", Arg::from(report.pushed)),
                        ("pulled", Arg::from(report.pulled)),
                        ("rejected", Arg::from(report.rejected.len())),
                    ],
                );
            }
        }
        Command::Hub { .. } => {}
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
                        ("server", Arg::from(peer.as_str())),
                        ("waiting", Arg::from(store.waiting(&peer)?)),
                        ("last", Arg::from(last)),
                    ],
                );
            }
        }
    }
    Ok(())
}

/// Runs a hub until interrupted: serves phones, prints their join codes, syncs upstream.
async fn hub(
    data: &Path,
    upstream: &str,
    code: Option<&str>,
    listen: SocketAddr,
    every: u64,
) -> Result<(), ServerError> {
    let hub = Hub::open(data, upstream, code, "hub").await?;
    let serving = hub.serve(listen).await?;
    say("cli-hub-listening", &[("address", Arg::from(serving.address.as_str()))]);
    for (role, code) in &serving.codes {
        say("cli-hub-code", &[("role", Arg::from(role_name(*role))), ("code", Arg::from(code.as_str()))]);
    }
    loop {
        match hub.sync_upstream().await {
            Ok(report) => say(
                "cli-synced",
                &[
                    ("server", Arg::from(upstream)),
                    ("pushed", Arg::from(report.pushed)),
                    ("pulled", Arg::from(report.pulled)),
                    ("rejected", Arg::from(report.rejected.len())),
                ],
            ),
            Err(e) => println!("{}", e.localize(language())),
        }
        if serving.is_finished() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(every)).await;
    }
}
