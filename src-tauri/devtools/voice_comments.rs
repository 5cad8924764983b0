//! Survey comments with planted topics, for the themes test and the voice benchmark: each comment
//! talks about one topic (a tenth about two), in the words customers use, wrapped in the praise and
//! filler that every comment carries ("Great product overall", "Honestly"), and a tenth say
//! nothing about any topic. Deterministic for a seed. Included with `#[path]` by tests/voice.rs
//! and the `voice` bench.

#![allow(dead_code)]

use northstar::model::{RowOrigin, SurveyResponse, SurveyType, TableName};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use std::sync::Arc;

/// (topic, word forms sharing one stem, templates with `{}` for a form).
pub const TOPICS: [(&str, &[&str], &[&str]); 8] = [
    (
        "pricing",
        &["price", "pricing", "prices"],
        &[
            "the {} is too high for a team our size",
            "{} went up again at renewal",
            "not sure the {} is worth it",
            "{} is fair for what we get",
            "we need clearer {} before we expand",
        ],
    ),
    (
        "support",
        &["support", "supported"],
        &[
            "{} takes days to answer a ticket",
            "the {} people were quick and helpful",
            "{} solved our issue the same day",
            "we were not {} when the sync broke",
            "chat {} is excellent",
        ],
    ),
    (
        "onboarding",
        &["onboarding", "onboard", "onboarded"],
        &[
            "{} took far too long",
            "the {} sessions were really useful",
            "we {} forty users in a week",
            "{} was smooth thanks to our CSM",
            "hard to {} new hires without better docs",
        ],
    ),
    (
        "reporting",
        &["reports", "reporting", "report"],
        &[
            "{} are missing the fields we need",
            "the {} module is confusing",
            "I love the new {} dashboards",
            "exporting {} to Excel is broken",
            "custom {} would save us hours",
        ],
    ),
    (
        "integrations",
        &["integration", "integrations", "integrate"],
        &[
            "the Salesforce {} keeps failing",
            "more {} please, especially HubSpot",
            "hard to {} with our data warehouse",
            "{} with Slack works nicely",
            "the {} setup was painless",
        ],
    ),
    (
        "mobile",
        &["mobile"],
        &[
            "the {} app crashes on Android",
            "{} version is missing half the features",
            "love using it on {}",
            "{} notifications arrive late",
            "please fix the {} login",
        ],
    ),
    (
        "invoices",
        &["invoice", "invoices", "invoicing"],
        &[
            "the {} had the wrong amount",
            "{} arrive without a PO number",
            "we were charged twice on one {}",
            "{} in euros would help our finance team",
            "{} portal is clunky",
        ],
    ),
    (
        "loading",
        &["load", "loading", "loads"],
        &[
            "pages take ages to {}",
            "{} times are terrible in the afternoon",
            "the dashboard {} in seconds now",
            "{} is slow with large accounts",
            "search {} fast, nice work",
        ],
    ),
];

const OPENERS: [&str; 8] = [
    "Great product overall.",
    "Honestly,",
    "The team is nice but",
    "We use it every day and",
    "Overall a good experience,",
    "Love the tool, but",
    "Not great:",
    "",
];
const CLOSERS: [&str; 6] = ["Thanks!", "Keep it up.", "", "Overall ok.", "Really.", ""];
const NO_TOPIC: [&str; 6] = [
    "Great product overall, thanks!",
    "Love the tool, keep it up.",
    "Overall a good experience.",
    "Not great, not terrible.",
    "We use it every day.",
    "Really happy with the team.",
];

/// One generated comment: its text and the planted topics (indices into TOPICS).
pub struct Planted {
    pub text: String,
    pub topics: Vec<usize>,
}

pub fn planted(n: usize, seed: u64) -> Vec<Planted> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut pick = |k: usize| (rng.next_u64() % k as u64) as usize;
    (0..n)
        .map(|_| {
            let roll = pick(10);
            if roll == 0 {
                return Planted { text: NO_TOPIC[pick(NO_TOPIC.len())].into(), topics: vec![] };
            }
            let first = pick(TOPICS.len());
            let mut topics = vec![first];
            if roll == 1 {
                topics.push((first + 1 + pick(TOPICS.len() - 1)) % TOPICS.len());
            }
            let mut parts = vec![OPENERS[pick(OPENERS.len())].to_string()];
            for (i, t) in topics.iter().enumerate() {
                let (_, forms, templates) = TOPICS[*t];
                let form = forms[pick(forms.len())];
                let s = templates[pick(templates.len())].replace("{}", form);
                parts.push(if i == 0 { s } else { format!("and {s}") });
            }
            parts.push(CLOSERS[pick(CLOSERS.len())].to_string());
            let text =
                parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" ");
            Planted { text, topics }
        })
        .collect()
}

/// The comments as NPS responses of `gen.csv` (row k + 2), scores 0-10 spread evenly, dated over
/// 2024.
pub fn responses(comments: &[Planted]) -> Vec<SurveyResponse> {
    let table = Arc::new(TableName { file: "gen.csv".into(), sheet: None });
    comments
        .iter()
        .enumerate()
        .map(|(k, c)| SurveyResponse {
            customer_id: Some(format!("C{}", k % 500)),
            date: chrono::NaiveDate::from_ymd_opt(2024, 1 + (k % 12) as u32, 1 + (k % 28) as u32)
                .unwrap_or_default(),
            kind: SurveyType::Nps,
            score: (k % 11) as i64,
            comment: Some(c.text.clone()),
            positive: None,
            origin: Some(RowOrigin { table: table.clone(), row: k as u32 + 2 }),
        })
        .collect()
}
