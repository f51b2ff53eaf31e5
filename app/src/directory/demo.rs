//! Demo mentors: a few written by hand (the demo mentor account among
//! them) and the rest generated, deterministically, across the East
//! Midlands, its professions and the topics. The same generator makes the
//! large directories the benchmarks search.

use super::db::{publish_profile, record_accreditation};
use super::profile::ProfileFields;
use crate::dates;
use crate::db::{Db, Tx};
use sqlx::Row;
use std::sync::LazyLock;

/// The service's own figure: mentors trained so far.
pub const DEMO_MENTORS: u64 = 280;

/// Generated accounts cannot sign in: this is not a valid password hash.
const NO_PASSWORD: &str = "!demo-account-without-password";

pub struct DemoMentor {
    pub email: String,
    pub fields: ProfileFields,
    pub accepting: bool,
    pub completed_on: String,
    pub refresher_due_on: String,
}

/// A small deterministic generator (xorshift64*): the demo directory is
/// the same on every machine and in every test run.
struct Dice(u64);

impl Dice {
    fn new(seed: u64) -> Self {
        Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The word lists the generator picks from, kept as data in
/// `demo_words.txt` (its first lines say how it is laid out).
struct Words {
    first: Vec<&'static str>,
    last: Vec<&'static str>,
    topics: Vec<&'static str>,
    languages: Vec<&'static str>,
    pronouns: Vec<&'static str>,
    professions: Vec<ProfessionWords>,
    areas: Vec<AreaWords>,
}

struct ProfessionWords {
    key: &'static str,
    /// How often the profession comes up, against the others' weights.
    weight: u64,
    grades: Vec<&'static str>,
    specialties: Vec<&'static str>,
    sectors: Vec<&'static str>,
}

struct AreaWords {
    key: &'static str,
    organisations: Vec<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words::parse(include_str!("demo_words.txt")));

impl Words {
    /// Reads the lists. The file is part of the binary and a test reads
    /// it, so a mistake in it panics there rather than at run time.
    fn parse(text: &'static str) -> Words {
        let mut words = Words {
            first: vec![],
            last: vec![],
            topics: vec![],
            languages: vec![],
            pronouns: vec![],
            professions: vec![],
            areas: vec![],
        };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (section, rest) = line.split_once(": ").unwrap_or_else(|| panic!("no section in {line:?}"));
            let values: Vec<&'static str> = rest.split(" | ").collect();
            match section {
                "first" => words.first = values,
                "last" => words.last = values,
                "topics" => words.topics = values,
                "languages" => words.languages = values,
                "pronouns" => words.pronouns = values,
                "profession" => words.professions.push(ProfessionWords {
                    key: values[0],
                    weight: values
                        .get(1)
                        .and_then(|w| w.parse().ok())
                        .unwrap_or_else(|| panic!("no weight in {line:?}")),
                    grades: vec![],
                    specialties: vec![],
                    sectors: vec![],
                }),
                "grades" => words_last(&mut words.professions, line).grades = values,
                "specialties" => words_last(&mut words.professions, line).specialties = values,
                "sectors" => words_last(&mut words.professions, line).sectors = values,
                "area" => words.areas.push(AreaWords { key: values[0], organisations: vec![] }),
                "organisations" => words_last(&mut words.areas, line).organisations = values,
                _ => panic!("unknown section in {line:?}"),
            }
        }
        words
    }
}

/// The entry a detail line belongs to: the last one opened.
fn words_last<'a, T>(entries: &'a mut [T], line: &str) -> &'a mut T {
    entries.last_mut().unwrap_or_else(|| panic!("{line:?} comes before what it belongs to"))
}

fn pick_some(dice: &mut Dice, all: &[&str], at_least: u64, at_most: u64, first: Option<&str>) -> Vec<String> {
    let want = at_least + dice.below(at_most - at_least + 1);
    let mut chosen: Vec<String> = first.into_iter().map(String::from).collect();
    while (chosen.len() as u64) < want {
        let value = dice.pick(all).to_string();
        if !chosen.contains(&value) {
            chosen.push(value);
        }
    }
    chosen
}

/// The `index`th generated mentor, with dates relative to `today`.
pub fn generated(index: u64, today: &str) -> DemoMentor {
    let mut dice = Dice::new(index);
    let words = &*WORDS;
    let name = format!("{} {}", dice.pick(&words.first), dice.pick(&words.last));
    let total: u64 = words.professions.iter().map(|p| p.weight).sum();
    let mut roll = dice.below(total);
    let plan = words
        .professions
        .iter()
        .find(|p| {
            if roll < p.weight {
                true
            } else {
                roll -= p.weight;
                false
            }
        })
        .unwrap_or(&words.professions[0]);
    let profession = plan.key;
    let place = dice.pick(&words.areas);
    let specialty = dice.pick(&plan.specialties).to_string();
    let sector = if profession == "doctor" && specialty == "General practice" {
        "primary-care"
    } else {
        *dice.pick(&plan.sectors)
    };
    let topics = pick_some(&mut dice, &words.topics, 3, 8, None);
    let years = 3 + dice.below(25);
    let mut languages = vec!["English".to_string()];
    if dice.chance(25) {
        languages.push(dice.pick(&words.languages).to_string());
    }
    let bio = format!(
        "I have worked in {} for {years} years. I trained as a mentor because someone once made time for me, and I \
         enjoy helping colleagues step back, work out what matters to them and take the next step. Happy to talk \
         about {} and more.",
        specialty.to_lowercase(),
        topics.iter().take(2).map(|t| t.replace('-', " ")).collect::<Vec<_>>().join(" or "),
    );
    let fields = ProfileFields {
        display_name: name,
        pronouns: if dice.chance(40) { dice.pick(&words.pronouns).to_string() } else { String::new() },
        profession: profession.into(),
        grade: dice.pick(&plan.grades).to_string(),
        specialty,
        sector: sector.into(),
        organisation: dice.pick(&place.organisations).to_string(),
        area: place.key.into(),
        models: pick_some(
            &mut dice,
            &["skilled-helper", "grow", "oskar", "clear"],
            1,
            3,
            Some("skilled-helper"),
        ),
        forms: pick_some(
            &mut dice,
            &["one-to-one", "peer", "reverse", "group", "e-mentoring", "cross-organisational"],
            1,
            3,
            Some("one-to-one"),
        ),
        topics,
        modes: pick_some(&mut dice, &["in-person", "video", "phone"], 1, 3, None),
        languages,
        bio,
        capacity: 1 + dice.below(4) as i64,
    }
    .tidy();
    // One in twenty has let their accreditation lapse.
    let completed_on = if dice.chance(5) {
        dates::add_days(today, -(3 * 365 + 30 + dice.below(400) as i64))
    } else {
        dates::add_days(today, -(dice.below(1000) as i64))
    }
    .unwrap_or_default();
    DemoMentor {
        email: format!("mentor{index}@demo.mentorwell.invalid"),
        accepting: dice.chance(85),
        refresher_due_on: dates::add_years(&completed_on, 3).unwrap_or_default(),
        completed_on,
        fields,
    }
}

/// Written by hand: the demo mentor account's profile, and a mentor whose
/// accreditation has lapsed (so she is not listed).
pub fn hand_written(today: &str) -> Vec<DemoMentor> {
    let recent = dates::add_days(today, -200).unwrap_or_default();
    let old = dates::add_days(today, -(3 * 365 + 60)).unwrap_or_default();
    vec![
        DemoMentor {
            email: "mentor@example.org".into(),
            fields: ProfileFields {
                display_name: "Tom Okafor".into(),
                pronouns: "he/him".into(),
                profession: "doctor".into(),
                grade: "GP partner".into(),
                specialty: "General practice".into(),
                sector: "primary-care".into(),
                organisation: "Nottingham City general practice".into(),
                area: "nottingham".into(),
                models: vec!["skilled-helper".into(), "grow".into()],
                forms: vec!["one-to-one".into(), "e-mentoring".into()],
                topics: vec!["career-development".into(), "work-life-balance".into(), "stress".into(), "return-to-work".into()],
                modes: vec!["video".into(), "in-person".into()],
                languages: vec!["English".into()],
                bio: "GP for eighteen years, partner for ten. I mentor doctors in training and colleagues returning \
                      to practice, and I am glad to think through career choices and keeping work in its place."
                    .into(),
                // Room for the demo's own mentee (Priya), its requests and
                // the browser tests'.
                capacity: 8,
            }
            .tidy(),
            accepting: true,
            refresher_due_on: dates::add_years(&recent, 3).unwrap_or_default(),
            completed_on: recent,
        },
        DemoMentor {
            email: "lapsed.mentor@demo.mentorwell.invalid".into(),
            fields: ProfileFields {
                display_name: "Grace Whitfield".into(),
                pronouns: "she/her".into(),
                profession: "nurse".into(),
                grade: "Band 7".into(),
                specialty: "District nursing".into(),
                sector: "community".into(),
                organisation: "Leicestershire Partnership NHS Trust".into(),
                area: "leicestershire".into(),
                models: vec!["skilled-helper".into()],
                forms: vec!["one-to-one".into()],
                topics: vec!["bullying-harassment".into(), "stress".into(), "morale".into()],
                modes: vec!["phone".into()],
                languages: vec!["English".into()],
                bio: "District nurse and team leader. My accreditation is due for a refresher.".into(),
                capacity: 2,
            }
            .tidy(),
            accepting: true,
            refresher_due_on: dates::add_years(&old, 3).unwrap_or_default(),
            completed_on: old,
        },
    ]
}

/// Adds one mentor: account (unless `user_id` is given), role,
/// accreditation and approved profile.
pub async fn insert_mentor(
    tx: &mut Tx,
    mentor: &DemoMentor,
    user_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let user_id = match user_id {
        Some(id) => id,
        None => sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, email_verified_at, created_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(&mentor.email)
        .bind(&mentor.fields.display_name)
        .bind(NO_PASSWORD)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?
        .try_get("id")?,
    };
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, 'mentor', $2) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    record_accreditation(tx, user_id, &mentor.completed_on, &mentor.refresher_due_on, "", now).await?;
    publish_profile(tx, user_id, &mentor.fields, None, now).await?;
    if !mentor.accepting {
        sqlx::query("UPDATE mentor_profiles SET accepting = 0 WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(user_id)
}

/// The demo directory: the hand-written mentors (the first on the demo
/// mentor's account, `demo_mentor_id`) and generated ones up to 280.
pub async fn load(db: &Db, demo_mentor_id: i64, now: i64) -> Result<(), sqlx::Error> {
    let today = dates::date_of(now);
    let written = hand_written(&today);
    let mut tx = db.begin_write().await?;
    for (i, mentor) in written.iter().enumerate() {
        insert_mentor(&mut tx, mentor, (i == 0).then_some(demo_mentor_id), now).await?;
    }
    for index in 0..DEMO_MENTORS - written.len() as u64 {
        insert_mentor(&mut tx, &generated(index, &today), None, now).await?;
    }
    tx.commit().await
}

/// Adds `count` generated mentors after any already generated, in
/// batches so a large run commits as it goes. For benchmarks.
pub async fn generate(db: &Db, count: u64, now: i64) -> Result<(), sqlx::Error> {
    let today = dates::date_of(now);
    let (start,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE email LIKE 'mentor%@demo.mentorwell.invalid'")
            .fetch_one(db.pool())
            .await?;
    let start = start as u64;
    let mut index = start;
    while index < start + count {
        let end = (index + 2000).min(start + count);
        let mut tx = db.begin_write().await?;
        for i in index..end {
            insert_mentor(&mut tx, &generated(i, &today), None, now).await?;
        }
        tx.commit().await?;
        index = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{Area, Profession, Sector, Topic};

    #[test]
    fn the_word_lists_read_whole_and_speak_the_vocabulary() {
        let words = &*WORDS;
        assert_eq!((words.first.len(), words.last.len()), (52, 51));
        assert_eq!((words.topics.len(), words.languages.len(), words.pronouns.len()), (24, 12, 3));
        assert_eq!((words.professions.len(), words.areas.len()), (10, 11));
        for p in &words.professions {
            assert!(Profession::from_key(p.key).is_some(), "{}", p.key);
            assert!(p.weight > 0 && !p.grades.is_empty() && !p.specialties.is_empty(), "{}", p.key);
            assert!(p.sectors.iter().all(|s| Sector::from_key(s).is_some()), "{}", p.key);
        }
        for a in &words.areas {
            assert!(Area::from_key(a.key).is_some() && !a.organisations.is_empty(), "{}", a.key);
        }
        assert!(words.topics.iter().all(|t| Topic::from_key(t).is_some()));
    }

    /// The first generated mentors as the generator made them when its
    /// lists were Rust constants: the data file must give the same.
    #[test]
    fn the_generator_gives_the_same_mentors_as_before_the_lists_became_data() {
        let made: Vec<[String; 6]> = (0..6)
            .map(|i| {
                let f = generated(i, "2026-11-30").fields;
                [f.display_name, f.profession, f.grade, f.sector, f.area, f.organisation]
            })
            .collect();
        let before = [
            [
                "Daniel Chowdhury",
                "doctor",
                "Salaried GP",
                "mental-health",
                "nottinghamshire",
                "Sherwood Forest Hospitals NHS Foundation Trust",
            ],
            [
                "Una Adeyemi",
                "manager",
                "Band 8b",
                "primary-care",
                "leicester",
                "University of Leicester Medical School",
            ],
            [
                "Fiona Davies",
                "doctor",
                "Specialty doctor",
                "secondary-care",
                "lincoln",
                "Lincoln County Hospital",
            ],
            [
                "Lucy Green",
                "medical-student",
                "Year 3",
                "medical-school",
                "leicester",
                "University Hospitals of Leicester NHS Trust",
            ],
            ["Jack Brown", "nurse", "Band 8a", "community", "lincoln", "Lincoln County Hospital"],
            [
                "Priyanka Bennett",
                "nurse",
                "Band 7",
                "community",
                "northamptonshire",
                "Kettering General Hospital NHS Foundation Trust",
            ],
        ];
        assert_eq!(made, before.map(|row| row.map(String::from)));
    }
}
