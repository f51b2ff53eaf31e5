//! Demo mentors: a few written by hand (the demo mentor account among
//! them) and the rest generated, deterministically, across the East
//! Midlands, its professions and the topics. The same generator makes the
//! large directories the benchmarks search.

use super::db::{publish_profile, record_accreditation};
use super::profile::ProfileFields;
use crate::dates;
use crate::db::{Backend, Db, Tx};
use sqlx::Row;

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

const FIRST: &[&str] = &[
    "Aisha", "Amelia", "Anil", "Beth", "Callum", "Chen", "Chidi", "Claire", "Daniel", "Deepa", "Eleanor",
    "Emeka", "Fatima", "Fiona", "Gareth", "Hannah", "Harpreet", "Imran", "Isla", "Jack", "James", "Joanna",
    "Kate", "Kwame", "Laura", "Li", "Lucy", "Mark", "Maryam", "Mohammed", "Nadia", "Natalie", "Oliver",
    "Olu", "Paul", "Priyanka", "Rachel", "Rajesh", "Rebecca", "Ruth", "Sam", "Sarah", "Simon", "Sofia",
    "Stephen", "Tariq", "Tomasz", "Una", "Victoria", "Wei", "Yasmin", "Zainab",
];
const LAST: &[&str] = &[
    "Adeyemi",
    "Ahmed",
    "Ali",
    "Begum",
    "Bennett",
    "Brown",
    "Campbell",
    "Chowdhury",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Gupta",
    "Hall",
    "Hughes",
    "Hussain",
    "Jackson",
    "Johnson",
    "Kaur",
    "Khan",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Mistry",
    "Morgan",
    "Nowak",
    "Okafor",
    "Osei",
    "Parker",
    "Patel",
    "Price",
    "Rahman",
    "Roberts",
    "Robinson",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wright",
    "Young",
    "Zhang",
];

/// (profession key, weight, grades, specialties, sector keys)
type ProfessionPlan =
    (&'static str, u64, &'static [&'static str], &'static [&'static str], &'static [&'static str]);

const PROFESSIONS: &[ProfessionPlan] = &[
    (
        "doctor",
        34,
        &[
            "Consultant",
            "GP partner",
            "Salaried GP",
            "Specialty registrar (ST4)",
            "Foundation doctor (FY2)",
            "Specialty doctor",
        ],
        &[
            "General practice",
            "Emergency medicine",
            "Anaesthetics",
            "Paediatrics",
            "Psychiatry",
            "Cardiology",
            "General surgery",
            "Obstetrics and gynaecology",
            "Oncology",
            "Geriatric medicine",
            "Respiratory medicine",
            "Radiology",
        ],
        &["primary-care", "secondary-care", "secondary-care", "mental-health"],
    ),
    (
        "nurse",
        24,
        &["Band 5", "Band 6", "Band 7", "Band 8a", "Advanced nurse practitioner"],
        &[
            "Adult critical care",
            "District nursing",
            "Practice nursing",
            "Mental health nursing",
            "Children's nursing",
            "Theatres",
            "Emergency department",
            "Learning disability nursing",
        ],
        &["secondary-care", "community", "primary-care", "mental-health"],
    ),
    (
        "midwife",
        6,
        &["Band 6", "Band 7", "Consultant midwife"],
        &["Community midwifery", "Labour ward", "Maternity triage"],
        &["secondary-care", "community"],
    ),
    (
        "allied-health",
        10,
        &["Band 5", "Band 6", "Band 7", "Band 8a"],
        &[
            "Physiotherapy",
            "Occupational therapy",
            "Speech and language therapy",
            "Paramedic practice",
            "Radiography",
            "Dietetics",
        ],
        &["secondary-care", "community"],
    ),
    (
        "pharmacist",
        5,
        &["Band 7", "Band 8a", "Clinical pharmacist"],
        &["Hospital pharmacy", "Primary care pharmacy"],
        &["secondary-care", "primary-care"],
    ),
    (
        "dentist",
        3,
        &["Associate dentist", "Dental foundation trainee", "Specialist"],
        &["General dental practice", "Orthodontics"],
        &["primary-care"],
    ),
    (
        "healthcare-scientist",
        3,
        &["Band 6", "Band 7", "Clinical scientist"],
        &["Clinical biochemistry", "Audiology", "Cardiac physiology"],
        &["secondary-care"],
    ),
    (
        "manager",
        7,
        &["Band 7", "Band 8b", "Practice manager", "Service manager"],
        &["Operational management", "Education and training", "Workforce development"],
        &["secondary-care", "primary-care", "community"],
    ),
    ("medical-student", 6, &["Year 3", "Year 4", "Year 5"], &["Undergraduate medicine"], &["medical-school"]),
    ("other", 2, &["Band 4", "Band 6"], &["Chaplaincy", "Health visiting"], &["community", "other"]),
];

const AREAS: &[(&str, &[&str])] = &[
    (
        "derbyshire",
        &[
            "Chesterfield Royal Hospital NHS Foundation Trust",
            "Derbyshire Community Health Services",
            "Derbyshire Healthcare NHS Foundation Trust",
        ],
    ),
    (
        "derby",
        &["University Hospitals of Derby and Burton NHS Foundation Trust", "Derby City general practice"],
    ),
    (
        "nottinghamshire",
        &[
            "Sherwood Forest Hospitals NHS Foundation Trust",
            "Nottinghamshire Healthcare NHS Foundation Trust",
            "Mansfield general practice",
        ],
    ),
    (
        "nottingham",
        &[
            "Nottingham University Hospitals NHS Trust",
            "Nottingham CityCare Partnership",
            "University of Nottingham School of Medicine",
        ],
    ),
    (
        "leicestershire",
        &[
            "Leicestershire Partnership NHS Trust",
            "Loughborough general practice",
            "Hinckley community services",
        ],
    ),
    (
        "leicester",
        &[
            "University Hospitals of Leicester NHS Trust",
            "Leicester City general practice",
            "University of Leicester Medical School",
        ],
    ),
    (
        "lincolnshire",
        &[
            "United Lincolnshire Hospitals NHS Trust",
            "Lincolnshire Community Health Services",
            "Boston general practice",
        ],
    ),
    ("lincoln", &["Lincoln County Hospital", "Lincolnshire Partnership NHS Foundation Trust"]),
    (
        "northamptonshire",
        &[
            "Kettering General Hospital NHS Foundation Trust",
            "Northamptonshire Healthcare NHS Foundation Trust",
        ],
    ),
    ("northampton", &["Northampton General Hospital NHS Trust", "Northampton general practice"]),
    ("rutland", &["Rutland general practice", "Rutland community services"]),
];

const TOPICS: &[&str] = &[
    "assessments-education",
    "bullying-harassment",
    "career-choice",
    "career-development",
    "coping-after-injury-illness",
    "dealing-with-illness",
    "dealing-with-injury",
    "developing-teams-services",
    "engagement",
    "managing-a-crisis",
    "managing-change",
    "mental-health-issues",
    "morale",
    "negative-thoughts",
    "personal-relationships",
    "physical-health",
    "relationships-with-colleagues",
    "return-to-work",
    "self-confidence",
    "stress",
    "taking-an-opportunity",
    "clinical-situations",
    "work-life-balance",
    "workload",
];
const LANGUAGES: &[&str] = &[
    "Urdu",
    "Punjabi",
    "Gujarati",
    "Polish",
    "Hindi",
    "Bengali",
    "Tagalog",
    "Malayalam",
    "Welsh",
    "French",
    "Yoruba",
    "Arabic",
];
const PRONOUNS: &[&str] = &["she/her", "he/him", "they/them"];

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
    let name = format!("{} {}", dice.pick(FIRST), dice.pick(LAST));
    let total: u64 = PROFESSIONS.iter().map(|p| p.1).sum();
    let mut roll = dice.below(total);
    let plan = PROFESSIONS
        .iter()
        .find(|p| {
            if roll < p.1 {
                true
            } else {
                roll -= p.1;
                false
            }
        })
        .unwrap_or(&PROFESSIONS[0]);
    let (profession, _, grades, specialties, sectors) = *plan;
    let (area, organisations) = *dice.pick(AREAS);
    let specialty = dice.pick(specialties).to_string();
    let sector = if profession == "doctor" && specialty == "General practice" {
        "primary-care"
    } else {
        dice.pick(sectors)
    };
    let topics = pick_some(&mut dice, TOPICS, 3, 8, None);
    let years = 3 + dice.below(25);
    let mut languages = vec!["English".to_string()];
    if dice.chance(25) {
        languages.push(dice.pick(LANGUAGES).to_string());
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
        pronouns: if dice.chance(40) { dice.pick(PRONOUNS).to_string() } else { String::new() },
        profession: profession.into(),
        grade: dice.pick(grades).to_string(),
        specialty,
        sector: sector.into(),
        organisation: dice.pick(organisations).to_string(),
        area: area.into(),
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
    backend: Backend,
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
    publish_profile(tx, backend, user_id, &mentor.fields, None, now).await?;
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
        insert_mentor(&mut tx, db.backend(), mentor, (i == 0).then_some(demo_mentor_id), now).await?;
    }
    for index in 0..DEMO_MENTORS - written.len() as u64 {
        insert_mentor(&mut tx, db.backend(), &generated(index, &today), None, now).await?;
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
            insert_mentor(&mut tx, db.backend(), &generated(i, &today), None, now).await?;
        }
        tx.commit().await?;
        index = end;
    }
    Ok(())
}
