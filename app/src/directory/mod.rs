//! The mentor directory. So far: the reference lists the directory, the
//! request form and the courses share, and the rule that decides whether a
//! mentor is listed.

pub mod listing;
pub mod lists;
