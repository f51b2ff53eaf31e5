//! The report's figures, worked out in plain Rust from rows the database
//! gives (see `db`): means and distributions, start-to-end pairs, the
//! request funnel and triage times. Nothing here is hidden yet; `tables`
//! passes every figure through `suppress`.

use std::collections::BTreeMap;

/// The study's items with a 1–5 score, in the order the report shows them.
pub const SCORED_ITEMS: [&str; 3] = ["wellbeing", "environment", "overall"];
pub const ROLES: [&str; 2] = ["mentee", "mentor"];
/// The points of a relationship; check-ins are reported apart.
pub const POINTS: [&str; 3] = ["start", "end", "follow-up"];
pub const CHOICES: [&str; 3] = ["yes", "no", "not-sure"];

/// The study's means (n=57 doctors), for `item` and `role`.
pub fn study_mean(item: &str, role: &str) -> Option<f64> {
    Some(match (item, role) {
        ("wellbeing", "mentee") => 4.28,
        ("wellbeing", "mentor") => 4.02,
        ("overall", "mentee") => 4.34,
        ("overall", "mentor") => 4.12,
        ("environment", "mentee") => 4.64,
        ("environment", "mentor") => 4.12,
        _ => return None,
    })
}

/// One scored or chosen answer, answered within the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub point: String,
    pub role: String,
    pub item: String,
    pub score: Option<i64>,
    pub choice: Option<String>,
}

/// How many answered 1, 2, 3, 4 and 5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores(pub [i64; 5]);

impl Scores {
    pub fn add(&mut self, score: i64) {
        if (1..=5).contains(&score) {
            self.0[(score - 1) as usize] += 1;
        }
    }
    pub fn count(&self) -> i64 {
        self.0.iter().sum()
    }
    pub fn mean(&self) -> Option<f64> {
        let n = self.count();
        let total: i64 = self.0.iter().enumerate().map(|(i, c)| (i as i64 + 1) * c).sum();
        (n > 0).then(|| total as f64 / n as f64)
    }
}

/// The later points a start score is paired with.
pub const LATER_POINTS: [&str; 2] = ["end", "follow-up"];

/// One person's score on one item at the start of a relationship and at a
/// later point of the same relationship (`later`: "end" or "follow-up").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairRow<'a> {
    pub later: &'a str,
    pub role: &'a str,
    pub item: &'a str,
    pub start: i64,
    pub score: i64,
}

/// The same people at the start and at a later point.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Paired {
    pub people: i64,
    pub start_total: i64,
    pub later_total: i64,
}

impl Paired {
    pub fn start_mean(&self) -> Option<f64> {
        (self.people > 0).then(|| self.start_total as f64 / self.people as f64)
    }
    pub fn later_mean(&self) -> Option<f64> {
        (self.people > 0).then(|| self.later_total as f64 / self.people as f64)
    }
    pub fn change(&self) -> Option<f64> {
        (self.people > 0).then(|| (self.later_total - self.start_total) as f64 / self.people as f64)
    }
}

/// Everything about the answers in a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcomes {
    /// By (item, role, point); check-ins under point "check-in".
    pub scores: BTreeMap<(String, String, String), Scores>,
    /// By (item, role, later point).
    pub paired: BTreeMap<(String, String, String), Paired>,
    /// Yes, no, not sure, by role.
    pub recommend: BTreeMap<String, [i64; 3]>,
}

impl Outcomes {
    pub fn scores(&self, item: &str, role: &str, point: &str) -> Scores {
        self.scores.get(&(item.into(), role.into(), point.into())).copied().unwrap_or_default()
    }
    /// The same people at the start and at `later` ("end" or "follow-up").
    pub fn paired(&self, item: &str, role: &str, later: &str) -> Paired {
        self.paired.get(&(item.into(), role.into(), later.into())).copied().unwrap_or_default()
    }
    pub fn recommend(&self, role: &str) -> [i64; 3] {
        self.recommend.get(role).copied().unwrap_or_default()
    }
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty() && self.recommend.is_empty()
    }
}

pub fn outcomes(answers: &[AnswerRow], pairs: &[PairRow]) -> Outcomes {
    let mut out = Outcomes::default();
    for a in answers {
        if let Some(score) = a.score {
            out.scores.entry((a.item.clone(), a.role.clone(), a.point.clone())).or_default().add(score);
        }
        if let Some(i) = a.choice.as_deref().and_then(|c| CHOICES.iter().position(|k| *k == c)) {
            out.recommend.entry(a.role.clone()).or_default()[i] += 1;
        }
    }
    for p in pairs.iter().filter(|p| (1..=5).contains(&p.start) && (1..=5).contains(&p.score)) {
        let key = (p.item.to_string(), p.role.to_string(), p.later.to_string());
        let entry = out.paired.entry(key).or_default();
        entry.people += 1;
        entry.start_total += p.start;
        entry.later_total += p.score;
    }
    out
}

/// A request sent within the period, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub priority: bool,
    pub withdrawn: bool,
    pub submitted_at: i64,
    /// When the mentor accepted (the relationship started).
    pub matched_at: Option<i64>,
    pub agreed: bool,
    pub end_reason: Option<String>,
    /// The first thing a coordinator did with it.
    pub first_coordinator_action_at: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Funnel {
    pub sent: i64,
    pub matched: i64,
    pub agreed: i64,
    pub ended_well: i64,
    pub ended_otherwise: i64,
    /// Median days from sending to matching, over the matched.
    pub median_days_to_match: Option<f64>,
    /// Priority requests whose triage is due by now (triaged or not).
    pub priority_due: i64,
    pub priority_on_time: i64,
}

/// Ends that count as mentoring that went well.
pub fn ended_well(reason: &str) -> bool {
    matches!(reason, "goals-met" | "time-up")
}

pub fn funnel(requests: &[RequestRow], now: i64) -> Funnel {
    let mut f = Funnel { sent: requests.len() as i64, ..Funnel::default() };
    let mut days = Vec::new();
    for r in requests {
        if let Some(at) = r.matched_at {
            f.matched += 1;
            days.push((at - r.submitted_at) as f64 / 86_400.0);
        }
        f.agreed += i64::from(r.agreed);
        match r.end_reason.as_deref() {
            Some(reason) if ended_well(reason) => f.ended_well += 1,
            Some(_) => f.ended_otherwise += 1,
            None => {}
        }
        if r.priority {
            let deadline = triage_deadline(r.submitted_at);
            match r.first_coordinator_action_at {
                Some(at) => {
                    f.priority_due += 1;
                    f.priority_on_time += i64::from(at < deadline);
                }
                // Still within its two days, or taken back before anyone
                // looked: not a triage that was due.
                None if deadline <= now && !r.withdrawn => f.priority_due += 1,
                None => {}
            }
        }
    }
    f.median_days_to_match = median(&mut days);
    f
}

pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

/// Triage is on time when done before the end of the second working day
/// after the day a request was sent (Monday to Friday, UTC days; bank
/// holidays are not known to the service and count as working days).
/// Sent on a Monday: by the end of Wednesday; on a Saturday: by the end of
/// Tuesday.
pub fn triage_deadline(submitted_at: i64) -> i64 {
    let mut day = submitted_at.div_euclid(86_400);
    let mut working = 0;
    while working < 2 {
        day += 1;
        // 1970-01-01 was a Thursday: weekday 0 is Thursday, 2 and 3 the weekend.
        if !matches!(day.rem_euclid(7), 2 | 3) {
            working += 1;
        }
    }
    (day + 1) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONDAY: i64 = 1_795_392_000; // 2026-11-23 00:00 UTC, a Monday

    #[test]
    fn triage_gets_two_working_days_after_the_day_sent() {
        let day = 86_400;
        assert_eq!(crate::dates::date_of(MONDAY), "2026-11-23");
        // Monday 15:00 → end of Wednesday.
        assert_eq!(triage_deadline(MONDAY + 15 * 3600), MONDAY + 3 * day);
        // Thursday → end of Monday; Saturday and Sunday → end of Tuesday.
        assert_eq!(triage_deadline(MONDAY + 3 * day), MONDAY + 8 * day);
        assert_eq!(triage_deadline(MONDAY + 5 * day + 60), MONDAY + 9 * day);
        assert_eq!(triage_deadline(MONDAY + 6 * day), MONDAY + 9 * day);
    }

    #[test]
    fn means_distributions_and_medians() {
        let mut s = Scores::default();
        for v in [5, 4, 4, 3, 5, 0, 6] {
            s.add(v);
        }
        assert_eq!(s.0, [0, 0, 1, 2, 2]);
        assert_eq!(s.mean(), Some(4.2));
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
