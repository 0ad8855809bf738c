//! People: profiles with consent (villagers, volunteers, farmers, officials), what one person
//! can export of their data, and the profiles on this shared device.

pub mod device_profiles;
pub mod directory;
pub mod household;
pub mod profile;
pub mod profile_export;
