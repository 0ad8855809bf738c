//! Training sessions run by youth volunteers: planning them (`session`), who comes
//! (`attendance`), which of the five basic digital skills each person has shown and the rules
//! built on them (`skills`), how the class is doing in the session's lessons and who needs
//! help (`class`), and the session's report (`report`). Attendance and skill checks are
//! facts; a correction is a newer fact, and the one that holds is kept at hand (`current`).

pub mod attendance;
pub mod class;
pub(crate) mod current;
pub mod report;
pub mod session;
pub mod skills;
