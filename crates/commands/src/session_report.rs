//! A session's report as files the volunteer can keep, print or send: a CSV (UTF-8 with a
//! byte-order mark, so that spreadsheet programs open Vietnamese correctly) with one row per
//! person on the list, and a one-page PDF. Both are made from the same `SessionReport` the
//! screen shows, so their numbers are the screen's.

use std::path::Path;

use langso_core::Localizer;
use langso_core::i18n::Arg;
use langso_core::learning::topic::Topic;
use langso_core::time::{VIETNAM_OFFSET_MINUTES, format_datetime, now_ms};
use langso_core::training::attendance::Attendance;
use langso_core::training::report::{ReportRow, SessionReport};
use langso_reports::{Align, Column, Sheet};
use serde::Serialize;
use ts_rs::TS;

use crate::{App, Failure, Result};

/// Where the report's files were saved, and the numbers they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedReport {
    pub csv_path: String,
    pub pdf_path: String,
    pub report: SessionReport,
}

/// Messages in one language.
struct Words<'l> {
    l10n: &'l Localizer,
    language: &'l str,
}

impl Words<'_> {
    fn get(&self, id: &str) -> String {
        self.l10n.format(self.language, id, &[])
    }

    fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.l10n.format(self.language, id, args)
    }

    fn status(&self, status: Attendance) -> String {
        self.get(&format!("attendance-{}", status.as_str()))
    }

    fn skills(&self, skills: &[Topic]) -> String {
        skills.iter().map(|s| self.get(&s.message_id())).collect::<Vec<_>>().join("; ")
    }

    fn name(&self, row: &ReportRow) -> String {
        row.name.clone().unwrap_or_else(|| self.get("report-deleted-person"))
    }
}

/// `24/11/2026 09:00–11:00` in Vietnam's time.
fn when(starts_at: i64, ends_at: i64) -> String {
    let start = format_datetime(starts_at, VIETNAM_OFFSET_MINUTES);
    let end = format_datetime(ends_at, VIETNAM_OFFSET_MINUTES);
    let day = start.split(' ').next().unwrap_or_default();
    let time = |s: &str| s.split(' ').nth(1).unwrap_or_default().to_owned();
    format!("{day} {}–{}", time(&start), time(&end))
}

fn csv_of(report: &SessionReport, words: &Words<'_>) -> Result<Vec<u8>> {
    let header: Vec<String> = [
        "report-col-name",
        "report-col-village",
        "report-col-household",
        "report-col-attendance",
        "report-col-skills-count",
        "report-col-skills",
        "report-col-lessons",
    ]
    .iter()
    .map(|id| words.get(id))
    .collect();
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            vec![
                words.name(r),
                r.village.clone().unwrap_or_default(),
                r.household.clone().unwrap_or_default(),
                words.status(r.status),
                r.skills.len().to_string(),
                words.skills(&r.skills),
                r.lessons_completed.to_string(),
            ]
        })
        .collect();
    langso_reports::csv(&header, &rows).map_err(|e| Failure::Internal(e.to_string()))
}

fn sheet_of(report: &SessionReport, words: &Words<'_>) -> Sheet {
    let s = &report.session;
    let mut subtitle = vec![when(s.starts_at, s.ends_at)];
    let place = [s.village_name.clone(), s.place.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    if !place.is_empty() {
        subtitle.push(place);
    }
    if let Some(volunteer) = &s.volunteer_name {
        subtitle.push(words.with("report-volunteer", &[("name", Arg::from(volunteer.clone()))]));
    }
    if let Some(reason) = &s.cancel_reason {
        subtitle.push(words.with("report-cancelled", &[("reason", Arg::from(reason.clone()))]));
    }
    let mut figures = vec![
        (words.get("report-listed"), report.listed.to_string()),
        (words.get("report-attended"), report.attended.to_string()),
        (words.get("report-late"), report.late.to_string()),
        (words.get("report-absent"), report.absent.to_string()),
    ];
    figures.extend(report.skills.iter().map(|c| (words.get(&c.skill.message_id()), c.people.to_string())));
    figures.push((words.get("report-all-five"), report.attended_with_all_five.to_string()));
    figures.push((words.get("report-lessons-completed"), report.lessons_completed.to_string()));
    let column = |id: &str, width: f32, align: Align| Column { heading: words.get(id), width, align };
    Sheet {
        title: s.title.clone(),
        subtitle,
        figures,
        columns: vec![
            column("report-col-number", 0.4, Align::Right),
            column("report-col-name", 2.2, Align::Left),
            column("report-col-household", 2.0, Align::Left),
            column("report-col-attendance", 1.2, Align::Left),
            column("report-col-skills-short", 0.9, Align::Right),
            column("report-col-lessons-short", 0.9, Align::Right),
        ],
        rows: report
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    words.name(r),
                    r.household.clone().unwrap_or_default(),
                    words.status(r.status),
                    format!("{}/5", r.skills.len()),
                    r.lessons_completed.to_string(),
                ]
            })
            .collect(),
        footer: words.with("report-footer", &[("at", Arg::from(format_datetime(now_ms(), VIETNAM_OFFSET_MINUTES)))]),
    }
}

fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Failure::SaveFailed { path: path.to_owned(), source })
}

impl App {
    /// The numbers of a session's report, as its screen shows them.
    pub async fn session_report(&self, session_id: String) -> Result<SessionReport> {
        self.session(session_id.clone()).await?;
        Ok(self.store.session_report(&session_id)?)
    }

    /// Saves the session's report as CSV and PDF in the Downloads folder (or, where there is
    /// none, the app's data folder).
    pub async fn export_session_report(&self, session_id: String, language: String) -> Result<SavedReport> {
        let report = self.session_report(session_id).await?;
        let words = Words { l10n: Localizer::embedded(), language: &language };
        let folder = self.save_folder();
        let day = format_datetime(report.session.starts_at, VIETNAM_OFFSET_MINUTES);
        let day = day.split(' ').next().unwrap_or_default().replace('/', "-");
        let id = &report.session.id;
        let stem = format!("{}-{day}-{}", words.get("report-file-stem"), &id[id.len().saturating_sub(6)..]);
        let csv_path = folder.join(format!("{stem}.csv"));
        let pdf_path = folder.join(format!("{stem}.pdf"));
        save(&csv_path, &csv_of(&report, &words)?)?;
        let pdf = langso_reports::pdf(&sheet_of(&report, &words)).map_err(|e| Failure::Internal(e.to_string()))?;
        save(&pdf_path, &pdf)?;
        Ok(SavedReport { csv_path: csv_path.display().to_string(), pdf_path: pdf_path.display().to_string(), report })
    }
}
