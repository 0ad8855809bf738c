//! Learning: the topics (`topic`, which the pack and the catalogue share), the lesson pack (its format and validator), the catalogue and a lesson's steps,
//! a learner's progress, and what they have learnt.

pub mod learnt;
pub mod lesson;
pub mod pack;
pub mod progress;
pub mod topic;
