//! The report's tables: gathered figures turned into cells, every one
//! through `suppress`. The page, its charts and the CSV are all made from
//! these tables, so they cannot disagree about what is hidden.

use super::db::{Gathered, NetworkCount, Words};
use super::figures::{study_mean, Scores, CHOICES, POINTS, ROLES, SCORED_ITEMS};
use super::suppress::{about, mean, people, plain, protect, share, Cell, THRESHOLD};
use crate::vocabulary::{Area, Profession, Sector};
use std::collections::BTreeMap;

/// How a table is drawn: which column, on what scale, and which column
/// holds a reference value to mark on each bar (the study's mean).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartSpec {
    pub column: usize,
    pub max: f64,
    pub reference: Option<usize>,
    pub unit: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub section: &'static str,
    pub id: String,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<Cell>)>,
    pub chart: Option<ChartSpec>,
}

impl Table {
    /// The cell in row `row` (by name) and column `column` (by heading).
    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        let c = self.columns.iter().position(|h| h == column)?;
        self.rows.iter().find(|(name, _)| name == row).and_then(|(_, cells)| cells.get(c))
    }
}

pub fn item_label(item: &str) -> &'static str {
    match item {
        "wellbeing" => "Influence on health and well-being",
        "environment" => "A supportive environment",
        "overall" => "Overall effect on health and well-being",
        _ => "Other",
    }
}

pub fn group_label(role: &str, point: &str) -> String {
    let who = if role == "mentor" { "Mentors" } else { "Mentees" };
    let when = match point {
        "start" => "at the start",
        "end" => "at the end",
        "follow-up" => "six months after the end",
        _ => "at their six-monthly check-in",
    };
    format!("{who} {when}")
}

const SCORE_COLUMNS: [&str; 8] = ["Answers", "Mean", "Study mean", "1", "2", "3", "4", "5"];

/// Count, mean, the study's mean and how many gave each score. When fewer
/// than five answered, every cell of the row is hidden: even a 0 among
/// three answers says something about those three.
fn score_cells(scores: Scores, study: Option<f64>) -> Vec<Cell> {
    let n = scores.count();
    let mut cells = vec![people(n), mean(n, scores.mean()), about(None, study, |v| format!("{v:.2}"))];
    cells.extend(scores.0.iter().map(|&c| if (1..THRESHOLD).contains(&n) { people(n) } else { people(c) }));
    protect_parts(&mut cells[3..], &scores.0);
    cells
}

/// Withholds more of `cells` (one per part, `counts` people each) where a
/// hidden one could be worked out from the total shown beside them.
fn protect_parts(cells: &mut [Cell], counts: &[i64]) {
    let mut parts: Vec<_> = counts.iter().zip(cells.iter_mut()).map(|(&n, c)| (n, vec![c])).collect();
    protect(&mut parts);
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|c| c.to_string()).collect()
}

fn mean_chart() -> Option<ChartSpec> {
    Some(ChartSpec { column: 1, max: 5.0, reference: Some(2), unit: "" })
}

/// The same people at the start and at `later` ("end" or "follow-up"):
/// how far each item moved for those who answered both.
fn paired_table(g: &Gathered, later: &str) -> Table {
    let (id, when) = match later {
        "end" => ("paired", "at the end"),
        _ => ("paired-follow-up", "six months after the end"),
    };
    Table {
        section: "outcomes",
        id: id.into(),
        caption: format!("The same people at the start and {when} of the same relationship"),
        columns: vec!["People".into(), "Mean at the start".into(), format!("Mean {when}"), "Change".into()],
        rows: SCORED_ITEMS
            .iter()
            .flat_map(|item| ROLES.iter().map(move |role| (item, role)))
            .map(|(item, role)| {
                let p = g.outcomes.paired(item, role, later);
                let who = if *role == "mentor" { "mentors" } else { "mentees" };
                (
                    format!("{}, {who}", item_label(item)),
                    vec![
                        people(p.people),
                        mean(p.people, p.start_mean()),
                        mean(p.people, p.later_mean()),
                        about(Some(p.people), p.change(), |v| format!("{v:+.2}")),
                    ],
                )
            })
            .collect(),
        chart: None,
    }
}

fn outcome_tables(g: &Gathered) -> Vec<Table> {
    let mut tables: Vec<Table> = SCORED_ITEMS
        .iter()
        .map(|item| Table {
            section: "outcomes",
            id: format!("item-{item}"),
            caption: format!("{}: scores from 1 to 5", item_label(item)),
            columns: columns(&SCORE_COLUMNS),
            rows: ROLES
                .iter()
                .flat_map(|role| POINTS.iter().map(move |point| (role, point)))
                .map(|(role, point)| {
                    (
                        group_label(role, point),
                        score_cells(g.outcomes.scores(item, role, point), study_mean(item, role)),
                    )
                })
                .collect(),
            chart: mean_chart(),
        })
        .collect();
    tables.push(paired_table(g, "end"));
    tables.push(paired_table(g, "follow-up"));
    tables.push(Table {
        section: "outcomes",
        id: "recommend".into(),
        caption: "Would you recommend mentoring to a colleague? (asked at the end)".into(),
        columns: columns(&["Answers", "Yes", "No", "Not sure"]),
        rows: ROLES
            .iter()
            .map(|role| {
                let counts = g.outcomes.recommend(role);
                let n: i64 = counts.iter().sum();
                let mut cells = vec![people(n)];
                cells.extend(counts.iter().map(|&c| share(c, n)));
                protect_parts(&mut cells[1..], &counts);
                (if *role == "mentor" { "Mentors" } else { "Mentees" }.to_string(), cells)
            })
            .collect(),
        chart: None,
    });
    debug_assert_eq!(CHOICES.len(), 3);
    tables
}

fn check_in_table(g: &Gathered) -> Table {
    Table {
        section: "check-ins",
        id: "check-ins".into(),
        caption: "Mentors' own well-being at their six-monthly check-in".into(),
        columns: columns(&SCORE_COLUMNS),
        rows: SCORED_ITEMS
            .iter()
            .map(|item| {
                (
                    item_label(item).to_string(),
                    score_cells(g.outcomes.scores(item, "mentor", "check-in"), study_mean(item, "mentor")),
                )
            })
            .collect(),
        chart: mean_chart(),
    }
}

fn funnel_tables(g: &Gathered) -> Vec<Table> {
    let f = &g.funnel;
    vec![
        Table {
            section: "funnel",
            id: "funnel".into(),
            caption: "Requests sent in the period, and what became of them".into(),
            columns: columns(&["Requests"]),
            rows: vec![
                ("Requests sent".into(), vec![people(f.sent)]),
                ("Matched with a mentor".into(), vec![people(f.matched)]),
                ("Agreement made".into(), vec![people(f.agreed)]),
                ("Ended well (goals met or agreed time up)".into(), vec![people(f.ended_well)]),
                ("Ended otherwise".into(), vec![people(f.ended_otherwise)]),
            ],
            chart: Some(ChartSpec { column: 0, max: f.sent.max(1) as f64, reference: None, unit: "" }),
        },
        Table {
            section: "funnel",
            id: "timeliness".into(),
            caption: "How quickly requests were dealt with".into(),
            columns: columns(&["Figure"]),
            rows: vec![
                (
                    "Median days from request to match".into(),
                    vec![about(Some(f.matched), f.median_days_to_match, |v| format!("{v:.1}"))],
                ),
                (
                    "Priority (support-route) requests triaged within two working days".into(),
                    vec![share(f.priority_on_time, f.priority_due)],
                ),
            ],
            chart: None,
        },
    ]
}

fn training_table(g: &Gathered) -> Table {
    let t = &g.training;
    Table {
        section: "training",
        id: "training".into(),
        caption: "Training, as at today".into(),
        columns: columns(&["Number"]),
        rows: vec![
            // Courses are not people.
            ("Courses held".into(), vec![plain(t.runs_held)]),
            ("People trained".into(), vec![people(t.people_trained)]),
            ("Mentors with current accreditation".into(), vec![people(t.mentors_current)]),
            ("Mentors whose accreditation has lapsed".into(), vec![people(t.mentors_lapsed)]),
            ("Refreshers due in the next 90 days".into(), vec![people(t.refreshers_due_90_days)]),
        ],
        chart: None,
    }
}

fn network_table(
    id: &str,
    caption: &str,
    counts: &BTreeMap<String, NetworkCount>,
    label: impl Fn(&str) -> String,
    total: NetworkCount,
) -> Table {
    let row = |name: String, c: &NetworkCount| {
        // Free places say something about the mentors counted beside them.
        (
            name,
            vec![
                people(c.mentors),
                about(Some(c.mentors), Some(c.free_places as f64), |v| format!("{v:.0}")),
            ],
        )
    };
    let mut rows: Vec<_> = counts.iter().map(|(key, c)| (c.mentors, row(label(key), c))).collect();
    rows.sort_by(|a, b| a.1 .0.cmp(&b.1 .0));
    // The rows add up to the total below them, in both columns.
    let mut parts: Vec<_> = rows.iter_mut().map(|(n, (_, cells))| (*n, cells.iter_mut().collect())).collect();
    protect(&mut parts);
    let mut rows: Vec<_> = rows.into_iter().map(|(_, row)| row).collect();
    rows.push(row("All listed mentors".into(), &total));
    Table {
        section: "network",
        id: id.into(),
        caption: caption.into(),
        columns: columns(&["Listed mentors", "Free places"]),
        rows,
        chart: Some(ChartSpec { column: 0, max: total.mentors.max(1) as f64, reference: None, unit: "" }),
    }
}

fn network_tables(g: &Gathered) -> Vec<Table> {
    let n = &g.network;
    vec![
        network_table(
            "by-profession",
            "Listed mentors by profession",
            &n.by_profession,
            |k| Profession::from_key(k).map(|p| p.label().to_string()).unwrap_or_else(|| k.to_string()),
            n.total,
        ),
        network_table(
            "by-sector",
            "Listed mentors by sector",
            &n.by_sector,
            |k| Sector::from_key(k).map(|p| p.label().to_string()).unwrap_or_else(|| k.to_string()),
            n.total,
        ),
        network_table(
            "by-area",
            "Listed mentors by area",
            &n.by_area,
            |k| Area::from_key(k).map(|p| p.label().to_string()).unwrap_or_else(|| k.to_string()),
            n.total,
        ),
    ]
}

/// Every table of the report, in page order. Tables about the period are
/// left out when nothing happened in it.
pub fn tables(g: &Gathered) -> Vec<Table> {
    let mut all = Vec::new();
    if !g.period_is_empty() {
        all.extend(outcome_tables(g));
        all.push(check_in_table(g));
        all.extend(funnel_tables(g));
    }
    all.push(training_table(g));
    all.extend(network_tables(g));
    all
}

/// The questions whose free-text answers may be shown (five or more
/// people wrote one), and those with fewer, named but not shown.
pub fn words(words: &Words) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let mut shown = Vec::new();
    let mut withheld = Vec::new();
    let order = |point: &str| POINTS.iter().position(|p| *p == point).unwrap_or(POINTS.len());
    let mut groups: Vec<_> = words.iter().collect();
    groups.sort_by_key(|((point, role), _)| (role.clone(), order(point)));
    for ((point, role), bodies) in groups {
        let title = group_label(role, point);
        if bodies.len() as i64 >= THRESHOLD {
            shown.push((title, bodies.clone()));
        } else {
            withheld.push(title);
        }
    }
    (shown, withheld)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::suppress::{HIDDEN, WITHHELD};

    fn texts(cells: &[Cell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn a_lone_small_score_withholds_another_beside_its_count() {
        let cells = score_cells(Scores([0, 2, 30, 8, 0]), Some(4.28));
        assert_eq!(texts(&cells[..1]), ["40"]);
        assert_eq!(texts(&cells[3..]), ["0", HIDDEN, "30", WITHHELD, "0"]);
    }

    #[test]
    fn a_lone_small_profession_withholds_another_above_the_total() {
        let count = |mentors, free_places| NetworkCount { mentors, free_places };
        let counts: BTreeMap<String, NetworkCount> =
            [("a".into(), count(3, 1)), ("b".into(), count(9, 4)), ("c".into(), count(20, 7))].into();
        let table = network_table("t", "T", &counts, |k| k.to_uppercase(), count(32, 12));
        let rows: Vec<(&str, Vec<&str>)> = table.rows.iter().map(|(n, c)| (n.as_str(), texts(c))).collect();
        assert_eq!(
            rows,
            [
                ("A", vec![HIDDEN, HIDDEN]),
                ("B", vec![WITHHELD, WITHHELD]),
                ("C", vec!["20", "7"]),
                ("All listed mentors", vec!["32", "12"])
            ]
        );
    }
}
