//! The topics lessons teach: the five basic digital skills first.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a lesson teaches: one of the five basic digital skills the Ministry asks community
/// teams to teach, or another topic a villager needs on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    PublicServices,
    OnlineShopping,
    OnlinePayments,
    OnlineSafety,
    LocalPlatforms,
    DeviceBasics,
    SellingOnline,
    Information,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::PublicServices,
        Topic::OnlineShopping,
        Topic::OnlinePayments,
        Topic::OnlineSafety,
        Topic::LocalPlatforms,
        Topic::DeviceBasics,
        Topic::SellingOnline,
        Topic::Information,
    ];

    /// The five basic digital skills, in the order they are shown.
    pub const BASIC_SKILLS: [Topic; 5] = [
        Topic::PublicServices,
        Topic::OnlineShopping,
        Topic::OnlinePayments,
        Topic::OnlineSafety,
        Topic::LocalPlatforms,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::PublicServices => "public-services",
            Topic::OnlineShopping => "online-shopping",
            Topic::OnlinePayments => "online-payments",
            Topic::OnlineSafety => "online-safety",
            Topic::LocalPlatforms => "local-platforms",
            Topic::DeviceBasics => "device-basics",
            Topic::SellingOnline => "selling-online",
            Topic::Information => "information",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether this is one of the five basic skills the commune dashboard counts.
    pub fn is_basic_skill(self) -> bool {
        matches!(
            self,
            Topic::PublicServices
                | Topic::OnlineShopping
                | Topic::OnlinePayments
                | Topic::OnlineSafety
                | Topic::LocalPlatforms
        )
    }

    /// The Fluent id of the topic's name.
    pub fn message_id(self) -> String {
        format!("topic-{}", self.as_str())
    }
}
