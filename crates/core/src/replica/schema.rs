//! The synced tables and their columns, as the change log and the merge know them.
//! Must match `migrations/` (a test compares the two); a column's position is its place in
//! the packed clock, so columns are only ever appended.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Mutable: each column is a last-writer-wins register; a delete sets `deleted`.
    Entity,
    /// Immutable once written: merged as a set.
    Fact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Int,
    Text,
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColumnType,
    /// Never NULL: a fact without it, or a change setting it to NULL, is refused.
    pub required: bool,
    /// Always NULL: kept only so that the columns after it keep their index. Writing any
    /// other value is a bug locally and refused from other replicas.
    pub retired: bool,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub kind: Kind,
    pub columns: &'static [Column],
}

impl Table {
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

const fn int(name: &'static str) -> Column {
    Column { name, ty: ColumnType::Int, required: false, retired: false }
}
const fn text(name: &'static str) -> Column {
    Column { name, ty: ColumnType::Text, required: false, retired: false }
}
const fn int_req(name: &'static str) -> Column {
    Column { name, ty: ColumnType::Int, required: true, retired: false }
}
const fn text_req(name: &'static str) -> Column {
    Column { name, ty: ColumnType::Text, required: true, retired: false }
}
const fn text_retired(name: &'static str) -> Column {
    Column { name, ty: ColumnType::Text, required: false, retired: true }
}

pub static COMMUNES: Table = Table {
    name: "communes",
    kind: Kind::Entity,
    columns: &[text("name"), text("district"), text("province"), int_req("deleted"), int("household_target")],
};

pub static VILLAGES: Table =
    Table { name: "villages", kind: Kind::Entity, columns: &[text("commune_id"), text("name"), int_req("deleted")] };

pub static PROFILES: Table = Table {
    name: "profiles",
    kind: Kind::Entity,
    columns: &[
        text("commune_id"),
        text("village_id"),
        text("role"),
        text("name"),
        text("household"),
        int("birth_year"),
        text("phone"),
        text("avatar"),
        // PIN hashes stay on the device (`device_profiles`): a hash of four digits is
        // opened by 10,000 guesses, so it must never reach another replica.
        text_retired("pin_hash"),
        int("consent_at"),
        text("consent_version"),
        int_req("deleted"),
        int("read_aloud"),
    ],
};

pub static LESSONS: Table = Table {
    name: "lessons",
    kind: Kind::Entity,
    columns: &[
        text("slug"),
        int("version"),
        int("position"),
        text("topic"),
        int("level"),
        int("minutes"),
        text("languages"),
        text("title"),
        text("summary"),
        text("steps"),
        int_req("deleted"),
    ],
};

pub static QUIZ_QUESTIONS: Table = Table {
    name: "quiz_questions",
    kind: Kind::Entity,
    columns: &[
        text("lesson_id"),
        int("position"),
        text("prompt"),
        text("choices"),
        int("correct"),
        text("explanation"),
        int_req("deleted"),
        text("narration"),
    ],
};

pub static TRAINING_SESSIONS: Table = Table {
    name: "training_sessions",
    kind: Kind::Entity,
    columns: &[
        text("commune_id"),
        text("village_id"),
        text("volunteer_id"),
        text("title"),
        text("place"),
        int("starts_at"),
        int("ends_at"),
        text("lessons"),
        text("skills"),
        int_req("deleted"),
        int("cancelled_at"),
        text("cancel_reason"),
    ],
};

pub static LISTINGS: Table = Table {
    name: "listings",
    kind: Kind::Entity,
    columns: &[
        text("commune_id"),
        text("owner_id"),
        text("name"),
        text("ocop_group"),
        text("category"),
        text("description"),
        text("story"),
        int("price_dong"),
        text("unit"),
        text("pack_size"),
        int("quantity"),
        int("made_to_order"),
        text("season"),
        text("available_from"),
        int("ocop_stars"),
        text("ocop_expiry"),
        text("certifications"),
        text("photos"),
        text("status"),
        text("contact_phone"),
        text("zalo"),
        text("bank_bin"),
        text("bank_account"),
        text("bank_holder"),
        int_req("deleted"),
    ],
};

pub static INQUIRIES: Table = Table {
    name: "inquiries",
    kind: Kind::Entity,
    columns: &[
        text("listing_id"),
        text("commune_id"),
        text("buyer_name"),
        text("buyer_phone"),
        int("quantity"),
        text("message"),
        text("status"),
        int("created_at"),
        int_req("deleted"),
    ],
};

pub static LESSON_PROGRESS: Table = Table {
    name: "lesson_progress",
    kind: Kind::Fact,
    columns: &[
        text_req("profile_id"),
        text_req("lesson_id"),
        int_req("lesson_version"),
        text_req("kind"),
        int("step"),
        text("question_id"),
        int("choice"),
        int("correct"),
        int_req("at"),
    ],
};

pub static ATTENDANCE: Table = Table {
    name: "attendance",
    kind: Kind::Fact,
    columns: &[text_req("session_id"), text_req("profile_id"), text_req("marked_by"), int_req("at"), text("status")],
};

pub static SKILL_CHECKS: Table = Table {
    name: "skill_checks",
    kind: Kind::Fact,
    columns: &[
        text_req("session_id"),
        text_req("profile_id"),
        text_req("skill"),
        text_req("checked_by"),
        int_req("at"),
        int("checked"),
    ],
};

pub static HOUSEHOLDS: Table = Table {
    name: "households",
    kind: Kind::Entity,
    columns: &[text("commune_id"), text("village_id"), text("head_name"), text("address"), int_req("deleted")],
};

/// Every synced table, in the order the canonical dump lists them.
pub static TABLES: [&Table; 12] = [
    &COMMUNES,
    &VILLAGES,
    &PROFILES,
    &LESSONS,
    &QUIZ_QUESTIONS,
    &TRAINING_SESSIONS,
    &LISTINGS,
    &INQUIRIES,
    &LESSON_PROGRESS,
    &ATTENDANCE,
    &SKILL_CHECKS,
    &HOUSEHOLDS,
];

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}
