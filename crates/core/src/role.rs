//! What a person does in the programme, and so what their device may do: the role a profile
//! has and the role a device enrolls with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Villager,
    Volunteer,
    Farmer,
    Official,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Villager => "villager",
            Role::Volunteer => "volunteer",
            Role::Farmer => "farmer",
            Role::Official => "official",
        }
    }

    /// The Fluent id of the role's name.
    pub fn message_id(self) -> String {
        format!("role-{}", self.as_str())
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Villager, Role::Volunteer, Role::Farmer, Role::Official].into_iter().find(|r| r.as_str() == s)
    }
}
