//! Self-referral and matching. So far: the request's state machine and
//! the scoring that explains which mentors suit a request.

pub mod lifecycle;
pub mod matching;
