//! A volunteer's (or official's) training sessions: planning them, finding and registering
//! people with their households, marks, skill checks, the class's progress and who needs help.
//! Everything works offline on this device's store and syncs. Each command acts as the
//! profile open on this device, which must be a volunteer's or an official's, within its
//! commune.

use langso_core::learning::topic::Topic;
use langso_core::people::directory::PersonHit;
use langso_core::people::household::{Household, HouseholdChoice};
use langso_core::people::profile::{NewProfile, Profile};
use langso_core::role::Role;
use langso_core::training::attendance::{Attendance, RosterEntry};
use langso_core::training::class::ClassProgress;
use langso_core::training::session::{SessionInput, TrainingSession};
use langso_core::training::skills::SkillRecord;
use langso_core::validate::{Field, Invalid, Rule};

use crate::{App, Failure, Result};

/// The most people a search by name returns.
const FOUND_MAX: usize = 30;

/// "Not found here": what a command says of an id outside the open person's commune.
fn invalid(field: Field) -> Failure {
    Failure::Core(Invalid::new(field, Rule::Unknown).into())
}

/// The volunteer or official whose profile is open, and their commune.
pub(crate) struct Staff {
    pub id: String,
    pub commune_id: String,
}

impl App {
    /// The open profile, if it may run sessions.
    pub(crate) fn staff(&self) -> Result<Staff> {
        let profile = self.store.profile(&self.person.require()?)?.ok_or(Failure::NoProfile)?;
        match (profile.role, profile.commune_id) {
            (Role::Volunteer | Role::Official, Some(commune_id)) => Ok(Staff { id: profile.id, commune_id }),
            _ => Err(Failure::StaffOnly),
        }
    }

    /// A session of the open staff member's commune.
    fn our_session(&self, id: &str) -> Result<(Staff, TrainingSession)> {
        let me = self.staff()?;
        match self.store.session(id)? {
            Some(session) if session.commune_id == me.commune_id => Ok((me, session)),
            _ => Err(invalid(Field::Session)),
        }
    }

    /// The commune's sessions, soonest first.
    pub async fn sessions(&self) -> Result<Vec<TrainingSession>> {
        let me = self.staff()?;
        Ok(self.store.sessions(&me.commune_id)?)
    }

    pub async fn session(&self, id: String) -> Result<TrainingSession> {
        Ok(self.our_session(&id)?.1)
    }

    pub async fn plan_session(&self, input: SessionInput) -> Result<TrainingSession> {
        let me = self.staff()?;
        self.in_our_commune(&me, &input.village_id)?;
        Ok(self.store.create_session(&me.id, &input)?)
    }

    pub async fn edit_session(&self, id: String, input: SessionInput) -> Result<TrainingSession> {
        let (me, _) = self.our_session(&id)?;
        self.in_our_commune(&me, &input.village_id)?;
        Ok(self.store.edit_session(&id, &input)?)
    }

    pub async fn cancel_session(&self, id: String, reason: String) -> Result<TrainingSession> {
        self.our_session(&id)?;
        Ok(self.store.cancel_session(&id, &reason)?)
    }

    /// The village must be one of the open person's commune.
    fn in_our_commune(&self, me: &Staff, village_id: &str) -> Result<()> {
        let ours = self.store.villages(&me.commune_id)?.iter().any(|v| v.id == village_id);
        if ours { Ok(()) } else { Err(invalid(Field::Village)) }
    }

    /// The commune's people whose name begins with what was typed, diacritics or not.
    pub async fn find_people(&self, query: String) -> Result<Vec<PersonHit>> {
        let me = self.staff()?;
        Ok(self.store.find_people(&me.commune_id, &query, FOUND_MAX)?)
    }

    pub async fn households(&self, village_id: String) -> Result<Vec<Household>> {
        let me = self.staff()?;
        self.in_our_commune(&me, &village_id)?;
        Ok(self.store.households(&village_id)?)
    }

    /// Registers a villager (or farmer) at a session, in their household, with the consent
    /// the volunteer read to them; all of it or nothing.
    pub async fn register_person(
        &self,
        session_id: String,
        profile: NewProfile,
        household: HouseholdChoice,
        status: Attendance,
    ) -> Result<Profile> {
        let (me, _) = self.our_session(&session_id)?;
        if !matches!(profile.role, Role::Villager | Role::Farmer) {
            return Err(invalid(Field::Profile));
        }
        Ok(self.store.register_at_session(&profile, &household, &session_id, status, &me.id)?)
    }

    pub async fn add_to_session(&self, session_id: String, profile_id: String) -> Result<Vec<RosterEntry>> {
        let (me, _) = self.our_session(&session_id)?;
        self.store.add_to_session(&session_id, &profile_id, &me.id)?;
        Ok(self.store.roster(&session_id)?)
    }

    pub async fn mark_attendance(
        &self,
        session_id: String,
        profile_id: String,
        status: Attendance,
    ) -> Result<Vec<RosterEntry>> {
        let (me, _) = self.our_session(&session_id)?;
        self.store.mark_attendance(&session_id, &profile_id, status, &me.id)?;
        Ok(self.store.roster(&session_id)?)
    }

    pub async fn check_skill(
        &self,
        session_id: String,
        profile_id: String,
        skill: Topic,
        checked: bool,
    ) -> Result<Vec<RosterEntry>> {
        let (me, _) = self.our_session(&session_id)?;
        self.store.check_skill(&session_id, &profile_id, skill, checked, &me.id)?;
        Ok(self.store.roster(&session_id)?)
    }

    pub async fn roster(&self, session_id: String) -> Result<Vec<RosterEntry>> {
        self.our_session(&session_id)?;
        Ok(self.store.roster(&session_id)?)
    }

    /// People learning on their phones during the session who are not on its list.
    pub async fn learning_nearby(&self, session_id: String) -> Result<Vec<PersonHit>> {
        self.our_session(&session_id)?;
        Ok(self.store.learning_nearby(&session_id)?)
    }

    pub async fn class_progress(&self, session_id: String, language: String) -> Result<ClassProgress> {
        self.our_session(&session_id)?;
        Ok(self.store.class_progress(&session_id, &language)?)
    }

    /// A person's five marks across every session.
    pub async fn skill_record(&self, profile_id: String) -> Result<SkillRecord> {
        let me = self.staff()?;
        match self.store.profile(&profile_id)? {
            Some(p) if p.commune_id.as_ref() == Some(&me.commune_id) => Ok(self.store.skill_record(&profile_id)?),
            _ => Err(invalid(Field::Profile)),
        }
    }

    /// A number that changes whenever this device's store does (a sync included): a screen
    /// that shows live data asks for it and reloads when it moved.
    pub async fn data_version(&self) -> Result<u64> {
        Ok(self.store.last_seq()?)
    }
}
