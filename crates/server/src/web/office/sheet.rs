//! What the office pages show and the exports write, built once from a dashboard: the same
//! rows and the same numbers, so a spreadsheet never disagrees with the screen.

use langso_core::Localizer;
use langso_core::dashboard::figures::{Figures, share_permille};
use langso_core::dashboard::{CommuneRow, Dashboard};
use langso_core::money::{format_count, format_share};

/// A number as the figures hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    Count(i64),
    /// Tenths of a percent.
    Share(i64),
}

impl Number {
    /// As the page shows it: 1.234, 33,3 %.
    pub fn shown(self, lang: &str) -> String {
        match self {
            Number::Count(n) => format_count(n, lang),
            Number::Share(p) => format_share(p, lang),
        }
    }

    /// As a CSV cell: 1234, 33.3 (a percent).
    pub fn plain(self) -> String {
        match self {
            Number::Count(n) => n.to_string(),
            Number::Share(p) => format!("{}.{}", p / 10, (p % 10).abs()),
        }
    }
}

/// One figure: the key of its messages (`dash-col-<key>`, its rule `dash-rule-<key>`) and how
/// it is read from the figures.
pub(crate) struct Measure {
    pub key: &'static str,
    pub read: fn(&Figures) -> Number,
}

fn skill(f: &Figures, i: usize) -> Number {
    Number::Count(f.skills.get(i).map_or(0, |s| s.people))
}

/// Every figure, in the order the tables show them.
pub(crate) const MEASURES: &[Measure] = &[
    Measure { key: "people-registered", read: |f| Number::Count(f.people_registered) },
    Measure { key: "people-trained", read: |f| Number::Count(f.people_trained) },
    Measure { key: "lessons-completed", read: |f| Number::Count(f.lessons_completed) },
    Measure { key: "active-learners", read: |f| Number::Count(f.active_learners) },
    Measure { key: "skill-public-services", read: |f| skill(f, 0) },
    Measure { key: "skill-online-shopping", read: |f| skill(f, 1) },
    Measure { key: "skill-online-payments", read: |f| skill(f, 2) },
    Measure { key: "skill-online-safety", read: |f| skill(f, 3) },
    Measure { key: "skill-local-platforms", read: |f| skill(f, 4) },
    Measure { key: "people-all-five", read: |f| Number::Count(f.people_all_five) },
    Measure { key: "households", read: |f| Number::Count(f.households) },
    Measure { key: "households-at-target", read: |f| Number::Count(f.households_at_target) },
    Measure { key: "household-share", read: |f| Number::Share(f.household_share_permille()) },
    Measure { key: "sessions-held", read: |f| Number::Count(f.sessions_held) },
    Measure { key: "volunteers-active", read: |f| Number::Count(f.volunteers_active) },
    Measure { key: "listings-published", read: |f| Number::Count(f.listings_published) },
    Measure { key: "inquiries-received", read: |f| Number::Count(f.inquiries_received) },
    Measure { key: "inquiries-answered", read: |f| Number::Count(f.inquiries_answered) },
];

/// One row of a table: a village's or a commune's name and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub name: String,
    /// The commune's id, in a province's table.
    pub id: Option<String>,
    pub cells: Vec<Number>,
}

fn row(name: &str, id: Option<&str>, figures: &Figures) -> Row {
    Row {
        name: name.to_owned(),
        id: id.map(str::to_owned),
        cells: MEASURES.iter().map(|m| (m.read)(figures)).collect(),
    }
}

/// A table of figures: a name column, then one column per measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The whole commune, under its villages.
    pub total: Option<Row>,
}

pub(crate) fn t(lang: &str, id: &str) -> String {
    Localizer::embedded().format(lang, id, &[])
}

/// The column headings: `first` (village or commune), then each measure's.
fn headers(lang: &str, first: &str) -> Vec<String> {
    std::iter::once(t(lang, first)).chain(MEASURES.iter().map(|m| t(lang, &format!("dash-col-{}", m.key)))).collect()
}

/// A commune's villages, and the commune as a whole under them.
pub(crate) fn villages(d: &Dashboard, lang: &str) -> Table {
    Table {
        headers: headers(lang, "dash-col-village"),
        rows: d.villages.iter().map(|v| row(&v.name, None, &v.figures)).collect(),
        total: Some(row(&t(lang, "dash-whole-commune"), None, &d.totals)),
    }
}

/// A province's communes.
pub(crate) fn communes(rows: &[CommuneRow], lang: &str) -> Table {
    Table {
        headers: headers(lang, "dash-col-commune"),
        rows: rows.iter().map(|r| row(&r.name, Some(&r.commune_id), &r.figures)).collect(),
        total: None,
    }
}

/// One month's line: `11/2026` and its numbers.
pub(crate) struct MonthTable {
    pub headers: Vec<String>,
    pub rows: Vec<(String, Vec<Number>)>,
}

/// The commune's months, oldest first.
pub(crate) fn months(d: &Dashboard, lang: &str) -> MonthTable {
    let keys = [
        "dash-col-month",
        "dash-month-registered",
        "dash-month-trained",
        "dash-month-lessons",
        "dash-month-sessions",
        "dash-month-inquiries",
        "dash-month-all-five-total",
        "dash-month-households-total",
        "dash-month-household-share",
    ];
    let rows = d
        .months
        .iter()
        .map(|m| {
            let label = match m.month.split_once('-') {
                Some((year, month)) => format!("{month}/{year}"),
                None => m.month.clone(),
            };
            let cells = vec![
                Number::Count(m.people_registered),
                Number::Count(m.people_trained),
                Number::Count(m.lessons_completed),
                Number::Count(m.sessions_held),
                Number::Count(m.inquiries_received),
                Number::Count(m.people_all_five_total),
                Number::Count(m.households_at_target_total),
                Number::Share(share_permille(m.households_at_target_total, d.totals.households)),
            ];
            (label, cells)
        })
        .collect();
    MonthTable { headers: keys.iter().map(|k| t(lang, k)).collect(), rows }
}

/// The headline figures: each measure's label, the commune's number, and its rule.
pub(crate) struct Headline {
    pub label: String,
    pub value: String,
    pub rule: String,
}

pub(crate) fn headline(d: &Dashboard, lang: &str) -> Vec<Headline> {
    MEASURES
        .iter()
        .map(|m| Headline {
            label: t(lang, &format!("dash-col-{}", m.key)),
            value: (m.read)(&d.totals).shown(lang),
            rule: t(lang, &format!("dash-rule-{}", m.key)),
        })
        .collect()
}
