//! Filtering, facet counts, ordering and paging of directory results:
//! plain Rust over the compact rows the directory keeps in memory
//! (`super::listed`), so both databases give the same answer and the rules
//! are tested without one.
//!
//! Within profession, sector and area (one value per mentor) choosing two
//! values means either; their counts ignore their own facet, so each says
//! how many results choosing that value would add. Topics, ways of meeting
//! and forms (many per mentor) narrow: a mentor must offer every one
//! chosen, and each count says how many results would remain.

use super::query::{DirectoryQuery, SortOrder};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: usize = 20;

/// What the search needs to know about one listed mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub user_id: i64,
    pub profession: Option<Profession>,
    pub sector: Option<Sector>,
    pub area: Option<Area>,
    /// Bit i set when the mentor offers `Topic::ALL[i]`; likewise below.
    pub topics: u32,
    pub modes: u32,
    pub forms: u32,
    pub accepting: bool,
    pub free_places: i64,
    /// Where the mentor comes in the directory by name ("Lastname
    /// Firstname", then user id); unique, so it settles every tie.
    pub name_order: u32,
}

/// A candidate the search words found, or every candidate when there are
/// none.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub candidate: &'a Candidate,
    /// Text relevance, higher is better; 0 without search words.
    pub rank: f32,
}

/// The bit set for `values`, by their position in `all`.
pub fn mask<T: PartialEq>(all: &[T], values: &[T]) -> u32 {
    all.iter().enumerate().filter(|(_, v)| values.contains(v)).fold(0, |m, (i, _)| m | 1 << i)
}

/// The bit set for stored keys.
pub fn mask_of_keys<T: PartialEq + Copy>(all: &[T], keys: &[String], from_key: fn(&str) -> Option<T>) -> u32 {
    let values: Vec<T> = keys.iter().filter_map(|k| from_key(k)).collect();
    mask(all, &values)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCounts {
    pub professions: Vec<(Profession, u32)>,
    pub sectors: Vec<(Sector, u32)>,
    pub areas: Vec<(Area, u32)>,
    pub topics: Vec<(Topic, u32)>,
    pub modes: Vec<(MeetingMode, u32)>,
    pub forms: Vec<(MentoringForm, u32)>,
    pub accepting: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchOutcome {
    pub total: u32,
    pub page: u32,
    pub pages: u32,
    /// True when the asked-for page was past the end.
    pub page_clamped: bool,
    pub user_ids: Vec<i64>,
    pub counts: FacetCounts,
}

// Which single-valued facets a candidate fails, as bits.
const PROFESSION: u8 = 1;
const SECTOR: u8 = 2;
const AREA: u8 = 4;
const ACCEPTING: u8 = 8;
const NARROWING: u8 = 16;

struct Filter {
    professions: Vec<Profession>,
    sectors: Vec<Sector>,
    areas: Vec<Area>,
    topics: u32,
    modes: u32,
    forms: u32,
    accepting_only: bool,
}

impl Filter {
    fn new(q: &DirectoryQuery) -> Self {
        Filter {
            professions: q.professions.clone(),
            sectors: q.sectors.clone(),
            areas: q.areas.clone(),
            topics: mask(Topic::ALL, &q.topics),
            modes: mask(MeetingMode::ALL, &q.modes),
            forms: mask(MentoringForm::ALL, &q.forms),
            accepting_only: q.accepting_only,
        }
    }

    fn failures(&self, c: &Candidate) -> u8 {
        fn one_of<T: PartialEq>(chosen: &[T], value: Option<T>) -> bool {
            chosen.is_empty() || value.is_some_and(|v| chosen.contains(&v))
        }
        let mut failed = 0;
        if !one_of(&self.professions, c.profession) {
            failed |= PROFESSION;
        }
        if !one_of(&self.sectors, c.sector) {
            failed |= SECTOR;
        }
        if !one_of(&self.areas, c.area) {
            failed |= AREA;
        }
        if self.accepting_only && !c.accepting {
            failed |= ACCEPTING;
        }
        if c.topics & self.topics != self.topics
            || c.modes & self.modes != self.modes
            || c.forms & self.forms != self.forms
        {
            failed |= NARROWING;
        }
        failed
    }
}

fn bump<T: PartialEq + Copy>(counts: &mut [(T, u32)], value: Option<T>) {
    if let Some(entry) = counts.iter_mut().find(|(v, _)| Some(*v) == value) {
        entry.1 += 1;
    }
}

fn bump_bits<T>(counts: &mut [(T, u32)], bits: u32) {
    for (i, entry) in counts.iter_mut().enumerate() {
        if bits & (1 << i) != 0 {
            entry.1 += 1;
        }
    }
}

fn zeroes<T: Copy>(all: &[T]) -> Vec<(T, u32)> {
    all.iter().map(|v| (*v, 0)).collect()
}

/// Applies the query to every listed candidate the words found: the facet
/// counts, the number of results, and the user ids on the asked-for page,
/// in order.
pub fn search<'a>(query: &DirectoryQuery, hits: impl IntoIterator<Item = Hit<'a>>) -> SearchOutcome {
    let filter = Filter::new(query);
    let mut counts = FacetCounts {
        professions: zeroes(Profession::ALL),
        sectors: zeroes(Sector::ALL),
        areas: zeroes(Area::ALL),
        topics: zeroes(Topic::ALL),
        modes: zeroes(MeetingMode::ALL),
        forms: zeroes(MentoringForm::ALL),
        accepting: 0,
    };
    let mut results = Vec::new();
    for hit in hits {
        let c = hit.candidate;
        let failed = filter.failures(c);
        // A count for one facet ignores that facet's own choice.
        if failed & !PROFESSION == 0 {
            bump(&mut counts.professions, c.profession);
        }
        if failed & !SECTOR == 0 {
            bump(&mut counts.sectors, c.sector);
        }
        if failed & !AREA == 0 {
            bump(&mut counts.areas, c.area);
        }
        if failed & !ACCEPTING == 0 && c.accepting {
            counts.accepting += 1;
        }
        if failed == 0 {
            bump_bits(&mut counts.topics, c.topics);
            bump_bits(&mut counts.modes, c.modes);
            bump_bits(&mut counts.forms, c.forms);
            results.push(hit);
        }
    }
    let total = results.len() as u32;
    let pages = total.div_ceil(PAGE_SIZE as u32).max(1);
    let page = query.page.clamp(1, pages);
    let shown = (page as usize - 1) * PAGE_SIZE..(page as usize * PAGE_SIZE).min(results.len());
    order_up_to(&mut results, shown.end, query.sort);
    let user_ids = results[shown].iter().map(|h| h.candidate.user_id).collect();
    SearchOutcome { total, page, pages, page_clamped: page != query.page, user_ids, counts }
}

/// Puts the first `end` results in order; the rest stay unordered, which
/// spares sorting every mentor to show twenty.
fn order_up_to(results: &mut [Hit], end: usize, sort: SortOrder) {
    let by_name = |a: &Candidate, b: &Candidate| a.name_order.cmp(&b.name_order);
    let order = |a: &Hit, b: &Hit| {
        let (x, y) = (a.candidate, b.candidate);
        match sort {
            SortOrder::Name => by_name(x, y),
            SortOrder::FreeCapacity => y.free_places.cmp(&x.free_places).then(by_name(x, y)),
            // Without words every rank is 0: those with room come first.
            SortOrder::BestMatch => b
                .rank
                .total_cmp(&a.rank)
                .then(y.accepting.cmp(&x.accepting))
                .then(y.free_places.cmp(&x.free_places))
                .then(by_name(x, y)),
        }
    };
    if end == 0 {
        return;
    }
    if end < results.len() {
        results.select_nth_unstable_by(end - 1, order);
    }
    results[..end].sort_by(order);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentor(id: i64, profession: Profession, area: Area, topics: &[Topic], accepting: bool) -> Candidate {
        Candidate {
            user_id: id,
            profession: Some(profession),
            sector: Some(Sector::SecondaryCare),
            area: Some(area),
            topics: mask(Topic::ALL, topics),
            modes: mask(MeetingMode::ALL, &[MeetingMode::Video]),
            forms: mask(MentoringForm::ALL, &[MentoringForm::OneToOne]),
            accepting,
            free_places: id % 3,
            name_order: id as u32,
        }
    }

    fn unranked(candidates: &[Candidate]) -> impl Iterator<Item = Hit<'_>> {
        candidates.iter().map(|candidate| Hit { candidate, rank: 0.0 })
    }

    fn sample() -> Vec<Candidate> {
        use Area::*;
        use Profession::*;
        use Topic::*;
        vec![
            mentor(1, Nurse, Leicestershire, &[Bullying, Stress], true),
            mentor(2, Doctor, Leicestershire, &[Bullying], true),
            mentor(3, Doctor, Derby, &[Bullying, CareerChoice], false),
            mentor(4, Nurse, Leicestershire, &[Stress], true),
            mentor(5, Midwife, Nottingham, &[Stress, Bullying], true),
        ]
    }

    fn count<T: PartialEq>(counts: &[(T, u32)], value: T) -> u32 {
        counts.iter().find(|(v, _)| *v == value).unwrap().1
    }

    #[test]
    fn topics_narrow_and_areas_widen() {
        let (q, _) = DirectoryQuery::parse("topic=bullying-harassment&area=leicestershire&sort=name");
        let out = search(&q, unranked(&sample()));
        assert_eq!(out.user_ids, vec![1, 2]);
        let (q, _) = DirectoryQuery::parse("topic=bullying-harassment&area=leicestershire&area=derby");
        assert_eq!(search(&q, unranked(&sample())).total, 3);
        let (q, _) = DirectoryQuery::parse("topic=bullying-harassment&topic=stress");
        assert_eq!(search(&q, unranked(&sample())).total, 2);
    }

    /// The rule the page relies on: choosing a value gives exactly its count.
    #[test]
    fn choosing_a_value_gives_exactly_its_count() {
        let (base, _) = DirectoryQuery::parse("topic=bullying-harassment");
        let out = search(&base, unranked(&sample()));
        for (area, n) in &out.counts.areas {
            let mut q = base.clone();
            q.areas.push(*area);
            assert_eq!(search(&q, unranked(&sample())).total, *n, "{area:?}");
        }
        for (topic, n) in &out.counts.topics {
            let mut q = base.clone();
            if !q.topics.contains(topic) {
                q.topics.push(*topic);
            }
            assert_eq!(search(&q, unranked(&sample())).total, *n, "{topic:?}");
        }
        let mut q = base.clone();
        q.accepting_only = true;
        assert_eq!(search(&q, unranked(&sample())).total, out.counts.accepting);
    }

    #[test]
    fn a_facet_count_ignores_its_own_choice() {
        let (q, _) = DirectoryQuery::parse("profession=nurse");
        let out = search(&q, unranked(&sample()));
        assert_eq!(out.total, 2);
        assert_eq!(count(&out.counts.professions, Profession::Doctor), 2);
        assert_eq!(count(&out.counts.areas, Area::Leicestershire), 2);
        assert_eq!(count(&out.counts.areas, Area::Derby), 0);
    }

    #[test]
    fn sorting_and_paging() {
        let many: Vec<_> = (1..=45)
            .map(|id| mentor(id, Profession::Nurse, Area::Rutland, &[Topic::Stress], id % 2 == 0))
            .collect();
        let q = DirectoryQuery { sort: SortOrder::Name, page: 3, ..Default::default() };
        let out = search(&q, unranked(&many));
        assert_eq!((out.total, out.pages, out.page), (45, 3, 3));
        assert_eq!(out.user_ids, (41..=45).collect::<Vec<_>>());
        let past_end = search(&DirectoryQuery { page: 9, ..q }, unranked(&many));
        assert!(past_end.page_clamped);
        assert_eq!(past_end.page, 3);
        let by_room =
            search(&DirectoryQuery { sort: SortOrder::FreeCapacity, ..Default::default() }, unranked(&many));
        assert_eq!(by_room.user_ids[0], 2);
    }

    /// Ordering only up to the shown page must give the pages of one
    /// complete order, with nobody shown twice or skipped.
    #[test]
    fn pages_together_are_the_whole_order() {
        let many: Vec<_> = (1..=47)
            .map(|id| mentor((id * 7919) % 101, Profession::Nurse, Area::Rutland, &[], id % 3 == 0))
            .collect();
        let ranks: Vec<f32> = (0..47).map(|i| (i % 5) as f32).collect();
        for sort in SortOrder::ALL {
            let query = DirectoryQuery { sort, ..Default::default() };
            let hits = || many.iter().zip(ranks.iter()).map(|(candidate, &rank)| Hit { candidate, rank });
            let mut everyone: Vec<Hit> = hits().collect();
            let n = everyone.len();
            order_up_to(&mut everyone, n, sort);
            let whole: Vec<i64> = everyone.iter().map(|h| h.candidate.user_id).collect();
            let paged: Vec<i64> = (1..=3)
                .flat_map(|page| search(&DirectoryQuery { page, ..query.clone() }, hits()).user_ids)
                .collect();
            assert_eq!(paged, whole, "{sort:?}");
        }
    }

    #[test]
    fn best_match_puts_higher_rank_first() {
        let c = sample();
        let ranks = [1.0, 0.0, 0.0, 2.0, 0.0];
        let hits = c.iter().zip(ranks).map(|(candidate, rank)| Hit { candidate, rank });
        let out = search(&DirectoryQuery::default(), hits);
        assert_eq!(&out.user_ids[..2], &[4, 1]);
    }

    #[test]
    fn an_empty_directory_has_one_empty_page() {
        let out = search(&DirectoryQuery::default(), unranked(&[]));
        assert_eq!((out.total, out.pages, out.page, out.page_clamped), (0, 1, 1, false));
    }
}
