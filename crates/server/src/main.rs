//! `langso-server`: the central server and its administration commands.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use langso_core::i18n::Arg;
use langso_core::learning::pack::Pack;
use langso_core::places::NewCommune;
use langso_core::replica::identity::{Identity, from_hex, to_hex};
use langso_core::role::Role;
use langso_core::time::{VIETNAM_OFFSET_MINUTES, format_datetime};
use langso_server::engine::Engine;
use langso_server::join_codes::CodeLimits;
use langso_server::office::OfficeScope;
use langso_server::postgres::PostgresStorage;
use langso_server::terminal::{language, message, role_name, say};
use langso_server::{ServerError, Service, SqliteStorage, migrate, routes};
use langso_sync::envelope;
use uuid::Uuid;

#[derive(Parser)]
#[command(name = "langso-server", version, about = "Làng Số central server")]
struct Cli {
    /// Folder of the server's databases.
    #[arg(long, global = true, default_value = "langso-data")]
    data: PathBuf,
    /// A PostgreSQL database to keep the data in instead (`postgres://user@host/db`); without
    /// it the server keeps embedded SQLite databases in `--data`.
    #[arg(long, global = true, env = "LANGSO_DATABASE", hide_env_values = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve sync for enrolled devices.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
    },
    /// Create a commune; prints its id.
    Commune {
        #[arg(long)]
        name: String,
        #[arg(long)]
        district: Option<String>,
        #[arg(long)]
        province: Option<String>,
    },
    /// Add a village to a commune; prints its id.
    Village {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        name: String,
    },
    /// Make a join code for a role (villager, volunteer, farmer, official) in a commune. It
    /// expires after `--days` (14 unless given) and enrolls at most `--uses` devices (an
    /// official's code 1, a volunteer's 10, others 200, unless given).
    Code {
        #[arg(long)]
        commune: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        days: Option<u64>,
        #[arg(long)]
        uses: Option<u32>,
    },
    /// List join codes (never the codes themselves), of one commune or of all.
    Codes {
        #[arg(long)]
        commune: Option<String>,
    },
    /// Make a one-time code to sign in to the commune office's pages (`/office`): for one
    /// commune's office (`--commune ID`) or a province's account (`--province NAME`), which
    /// sees every commune of that province. It works once, for `--minutes` (10 unless given,
    /// at most a day).
    OfficeCode {
        #[arg(long, conflicts_with = "province", required_unless_present = "province")]
        commune: Option<String>,
        #[arg(long)]
        province: Option<String>,
        #[arg(long, default_value_t = 10)]
        minutes: u64,
    },
    /// Revoke a join code by the id `code` and `codes` print; devices it enrolled stay.
    RevokeCode { id: String },
    /// Revoke a device (a lost phone) by its node id.
    Revoke { node: Uuid },
    /// Publish or upgrade the lesson pack from a folder (assets/lessons); it must carry the
    /// signature of one of the programme's publishers (`pack.sig`).
    Publish { pack: PathBuf },
    /// Make a lesson pack publisher's key: the secret goes to `--out` (keep it safe and
    /// never in the repository); prints the public key to add to the trusted publishers.
    PublisherKey {
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign a lesson pack folder with a publisher's secret key file: writes its `pack.sig`.
    SignPack {
        #[arg(long)]
        key: PathBuf,
        pack: PathBuf,
    },
    /// Copy this server's SQLite data (`--data`) into an empty PostgreSQL database: devices,
    /// join codes, every change with its clock, and the blobs. Then serve with `--database`.
    MigrateToPostgres {
        #[arg(long)]
        to: String,
    },
    /// Set up a demo commune (once) with the lesson pack, and write a fresh join code per role
    /// to `--codes` as `role=CODE` lines, for the demo script.
    Demo {
        #[arg(long)]
        pack: PathBuf,
        #[arg(long)]
        codes: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "langso_server=info".into()),
        )
        .init();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The detail for whoever runs the server; the message for everyone.
            tracing::error!(error = %e, "langso-server stopped");
            eprintln!("{}", e.localize(language()));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), ServerError> {
    if let Command::MigrateToPostgres { to } = &cli.command {
        let copied = migrate::sqlite_to_postgres(&SqliteStorage::open(&cli.data)?, &PostgresStorage::open(to)?)?;
        say(
            "server-migrated",
            &[
                ("devices", Arg::from(copied.devices)),
                ("codes", Arg::from(copied.codes)),
                ("blobs", Arg::from(copied.blobs)),
                ("changes", Arg::from(copied.changes)),
            ],
        );
        return Ok(());
    }
    match &cli.command {
        Command::PublisherKey { out } => return publisher_key(out),
        Command::SignPack { key, pack } => return sign_pack(key, pack),
        _ => {}
    }
    let engine = Engine::choose(&cli.data, cli.database.as_deref());
    let db = Service::new(engine.open()?);
    let path = || Arg::from(engine.describe());
    match cli.command {
        Command::Serve { listen } => {
            let runtime = tokio::runtime::Runtime::new().map_err(|e| ServerError::Io(e.to_string()))?;
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind(listen)
                    .await
                    .map_err(|e| ServerError::Bind { address: listen.to_string(), reason: e.to_string() })?;
                let address = listener.local_addr().map_or_else(|_| listen.to_string(), |a| a.to_string());
                say("server-listening", &[("address", Arg::from(address)), ("path", path())]);
                routes::serve(listener, db).await.map_err(|e| ServerError::Io(e.to_string()))
            })
        }
        Command::MigrateToPostgres { .. } | Command::PublisherKey { .. } | Command::SignPack { .. } => Ok(()),
        Command::Commune { name, district, province } => {
            let c = db.create_commune(&NewCommune { name, district, province })?;
            say("server-commune-created", &[("name", Arg::from(c.name)), ("id", Arg::from(c.id))]);
            Ok(())
        }
        Command::Village { commune, name } => {
            let v = db.create_village(&commune, &name)?;
            say("server-village-created", &[("name", Arg::from(v.name)), ("id", Arg::from(v.id))]);
            Ok(())
        }
        Command::Code { commune, role, days, uses } => {
            let role = Role::parse(&role).ok_or_else(|| ServerError::Malformed(role.clone()))?;
            let defaults = CodeLimits::for_role(role);
            let limits = CodeLimits {
                valid_for: days.map_or(defaults.valid_for, |d| Duration::from_secs(d.saturating_mul(86_400))),
                uses: uses.unwrap_or(defaults.uses),
            };
            let made = db.create_code_with(&commune, role, limits)?;
            say(
                "server-code-created",
                &[
                    ("role", Arg::from(role_name(role))),
                    ("code", Arg::from(made.code)),
                    ("id", Arg::from(made.listed.id)),
                    ("uses", Arg::from(made.listed.max_uses)),
                    ("expires", Arg::from(local_time(made.listed.expires_at))),
                ],
            );
            Ok(())
        }
        Command::Codes { commune } => {
            let codes = db.codes(commune.as_deref())?;
            if codes.is_empty() {
                say("server-codes-none", &[]);
            }
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            for code in codes {
                say(
                    "server-code-listed",
                    &[
                        ("id", Arg::from(code.id.as_str())),
                        ("role", Arg::from(role_name(code.role))),
                        ("commune", Arg::from(code.commune_id.as_str())),
                        ("created", Arg::from(local_time(code.created_at))),
                        ("expires", Arg::from(local_time(code.expires_at))),
                        ("used", Arg::from(code.uses)),
                        ("uses", Arg::from(code.max_uses)),
                        ("state", Arg::from(message(code.state_id(now)))),
                    ],
                );
            }
            Ok(())
        }
        Command::OfficeCode { commune, province, minutes } => {
            let scope = match (commune, province) {
                (Some(commune), _) => OfficeScope::Commune(commune),
                (None, Some(province)) => OfficeScope::Province(province),
                (None, None) => return Err(ServerError::Malformed("--commune or --province".into())),
            };
            let made = db.office_code(&scope, Duration::from_secs(minutes.saturating_mul(60)))?;
            say(
                "server-office-code-created",
                &[("code", Arg::from(made.code)), ("expires", Arg::from(local_time(made.expires_at)))],
            );
            Ok(())
        }
        Command::RevokeCode { id } => {
            let message = if db.revoke_code(&id)? { "server-code-revoked" } else { "server-code-unknown" };
            say(message, &[("id", Arg::from(id))]);
            Ok(())
        }
        Command::Revoke { node } => {
            let id = if db.revoke_device(node)? { "server-device-revoked" } else { "server-device-unknown" };
            say(id, &[("node", Arg::from(node.to_string()))]);
            Ok(())
        }
        Command::Publish { pack } => publish(&db, &pack),
        Command::Demo { pack, codes } => {
            publish(&db, &pack)?;
            let commune = match db.communes()?.into_iter().next() {
                Some(commune) => commune,
                None => {
                    let commune = db.create_commune(&NewCommune {
                        name: "Xã Lũng Cú".into(),
                        district: Some("Huyện Đồng Văn".into()),
                        province: Some("Hà Giang".into()),
                    })?;
                    for village in ["Thôn Lô Lô Chải", "Thôn Thèn Ván", "Thôn Séo Lủng"] {
                        db.create_village(&commune.id, village)?;
                    }
                    commune
                }
            };
            langso_server::demo::seed(&db, &commune)?;
            let mut lines = String::new();
            for role in [Role::Villager, Role::Volunteer, Role::Farmer, Role::Official] {
                let code = db.create_code(&commune.id, role)?;
                lines.push_str(&format!("{}={code}\n", role.as_str()));
            }
            std::fs::write(&codes, lines).map_err(|e| ServerError::Io(format!("{}: {e}", codes.display())))?;
            say(
                "server-demo-ready",
                &[("name", Arg::from(commune.name.as_str())), ("path", Arg::from(codes.display().to_string()))],
            );
            Ok(())
        }
    }
}

/// A unix time as people in Vietnam read it: `24/11/2026 09:10 UTC+7`.
fn local_time(secs: i64) -> String {
    format_datetime(secs.saturating_mul(1000), VIETNAM_OFFSET_MINUTES)
}

fn load_pack(pack: &Path) -> Result<Pack, ServerError> {
    Pack::from_dir(pack).map_err(|e| ServerError::Store(langso_core::Error::Pack(e)))
}

fn publisher_key(out: &Path) -> Result<(), ServerError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut secret = [0u8; 32];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut secret);
    let identity = Identity::from_secret(secret);
    let io = |e: std::io::Error| ServerError::Io(format!("{}: {e}", out.display()));
    // Readable by its owner only, and never over an existing key.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(out).map_err(io)?;
    writeln!(file, "{}", to_hex(&secret)).map_err(io)?;
    say(
        "server-publisher-key",
        &[("path", Arg::from(out.display().to_string())), ("key", Arg::from(identity.public_key().to_hex()))],
    );
    Ok(())
}

fn sign_pack(key: &Path, pack: &Path) -> Result<(), ServerError> {
    let text = std::fs::read_to_string(key).map_err(|e| ServerError::Io(format!("{}: {e}", key.display())))?;
    let secret: [u8; 32] = from_hex(text.trim())
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| ServerError::Malformed(format!("{}: not a publisher key", key.display())))?;
    let loaded = load_pack(pack)?;
    let signature = envelope::sign_pack(&Identity::from_secret(secret), &loaded)?;
    let path = pack.join("pack.sig");
    std::fs::write(&path, format!("{}\n", to_hex(&signature)))
        .map_err(|e| ServerError::Io(format!("{}: {e}", path.display())))?;
    say(
        "server-pack-signed",
        &[("version", Arg::from(loaded.version)), ("path", Arg::from(path.display().to_string()))],
    );
    Ok(())
}

fn publish(db: &Service, pack: &Path) -> Result<(), ServerError> {
    let loaded = load_pack(pack)?;
    let report = db.publish(&loaded)?;
    say("server-pack-published", &[("version", Arg::from(loaded.version)), ("applied", Arg::from(report.applied))]);
    Ok(())
}
