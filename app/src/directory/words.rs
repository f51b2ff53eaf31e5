//! The directory's words in memory: each listed mentor's search words (as
//! `db::write_search_words` stored them), found by prefix and ranked with
//! BM25, the same way whichever database holds them.
//!
//! Words are split at anything that is not a letter or digit, lower-cased,
//! and their accents dropped, so "Seán" is found by "sean" and "seán".

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::quick_hash::QuickHash;

// The usual BM25 settings: how fast repeats stop counting, and how much a
// long profile is discounted.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A letter without its accent, for the Latin letters names and places
/// in these islands and the languages staff speak most often carry.
fn plain(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// Appends `raw`, one word as split from the text, in the form it is
/// indexed and looked up by. Most words are lower-case ASCII already.
fn fold_into(raw: &str, out: &mut String) {
    if raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        out.push_str(raw);
    } else {
        out.extend(raw.chars().flat_map(char::to_lowercase).map(plain));
    }
}

fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The words of `text` as they are indexed and looked up.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    split(text).map(|raw| {
        let mut word = String::new();
        fold_into(raw, &mut word);
        word
    })
}

/// The words someone searched for, as they are looked up: at most eight,
/// each cut to 40 letters, so pasting a page in costs no more than a
/// short query. Only letters and digits count, so nothing a person types
/// is read as search syntax.
pub fn query_words(text: &str) -> Vec<String> {
    words(text)
        .take(8)
        .map(|mut word| {
            if let Some((cut, _)) = word.char_indices().nth(40) {
                word.truncate(cut);
            }
            word
        })
        .collect()
}

/// Every word of every document, sorted, each with the documents that hold
/// it. Documents are numbered from 0 in the order they were added.
#[derive(Debug, Default)]
pub struct Words {
    terms: Vec<Box<str>>,
    /// The postings of `terms[i]` are `docs[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    docs: Vec<u32>,
    /// How often the word occurs in that document.
    counts: Vec<u16>,
    /// Words per document.
    lengths: Vec<u16>,
    average_length: f32,
}

/// Collects documents, then [`WordsBuilder::finish`] sorts them into [`Words`].
#[derive(Default)]
pub struct WordsBuilder {
    ids: HashMap<Box<str>, u32, BuildHasherDefault<QuickHash>>,
    /// By word id: the documents holding it, with how often.
    postings: Vec<Vec<(u32, u16)>>,
    lengths: Vec<u16>,
    // Reused for every document, so adding one allocates only for words
    // never seen before.
    word: String,
    own: Vec<u32>,
}

impl WordsBuilder {
    /// Adds the next document.
    pub fn add(&mut self, text: &str) {
        let doc = self.lengths.len() as u32;
        self.own.clear();
        for raw in split(text) {
            self.word.clear();
            fold_into(raw, &mut self.word);
            let id = match self.ids.get(self.word.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.postings.len() as u32;
                    self.ids.insert(self.word.as_str().into(), id);
                    self.postings.push(Vec::new());
                    id
                }
            };
            self.own.push(id);
        }
        self.lengths.push(u16::try_from(self.own.len()).unwrap_or(u16::MAX));
        self.own.sort_unstable();
        for run in self.own.chunk_by(|a, b| a == b) {
            let count = u16::try_from(run.len()).unwrap_or(u16::MAX);
            self.postings[run[0] as usize].push((doc, count));
        }
    }

    pub fn finish(mut self) -> Words {
        let mut terms: Vec<(Box<str>, u32)> = self.ids.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total: usize = self.postings.iter().map(Vec::len).sum();
        let mut words = Words {
            terms: Vec::with_capacity(terms.len()),
            starts: Vec::with_capacity(terms.len() + 1),
            docs: Vec::with_capacity(total),
            counts: Vec::with_capacity(total),
            average_length: 0.0,
            lengths: Vec::new(),
        };
        for (term, id) in terms {
            words.terms.push(term);
            words.starts.push(words.docs.len() as u32);
            for (doc, count) in std::mem::take(&mut self.postings[id as usize]) {
                words.docs.push(doc);
                words.counts.push(count);
            }
        }
        words.starts.push(words.docs.len() as u32);
        let sum: f32 = self.lengths.iter().map(|&l| f32::from(l)).sum();
        words.average_length =
            if self.lengths.is_empty() { 1.0 } else { (sum / self.lengths.len() as f32).max(1.0) };
        words.lengths = self.lengths;
        words
    }
}

impl Words {
    /// The positions of the terms that start with `prefix`.
    fn starting_with(&self, prefix: &str) -> std::ops::Range<usize> {
        let first = self.terms.partition_point(|t| &**t < prefix);
        let after = first + self.terms[first..].partition_point(|t| t.starts_with(prefix));
        first..after
    }

    /// The documents holding, for every one of `prefixes`, a word that
    /// starts with it, each with its BM25 score (higher is better). The
    /// prefixes come from [`query_words`].
    pub fn find(&self, prefixes: &[String]) -> Vec<(u32, f32)> {
        let n = self.lengths.len();
        if prefixes.is_empty() || n == 0 {
            return vec![];
        }
        // Dense scratch arrays: one pass over the postings, no hashing.
        let mut matched = vec![0u8; n];
        let mut score = vec![0f32; n];
        let mut frequency = vec![0u16; n];
        let mut holding = Vec::new();
        for (i, prefix) in prefixes.iter().enumerate() {
            holding.clear();
            for term in self.starting_with(prefix) {
                let postings = self.starts[term] as usize..self.starts[term + 1] as usize;
                for p in postings {
                    let doc = self.docs[p] as usize;
                    if frequency[doc] == 0 {
                        holding.push(doc);
                    }
                    frequency[doc] = frequency[doc].saturating_add(self.counts[p]);
                }
            }
            // How rare the word is among all documents, not only those
            // still in the running.
            let held = holding.len() as f32;
            let idf = ((n as f32 - held + 0.5) / (held + 0.5) + 1.0).ln();
            for &doc in &holding {
                if usize::from(matched[doc]) == i {
                    matched[doc] += 1;
                    let f = f32::from(frequency[doc]);
                    let norm = 1.0 - B + B * f32::from(self.lengths[doc]) / self.average_length;
                    score[doc] += idf * f * (K1 + 1.0) / (f + K1 * norm);
                }
                frequency[doc] = 0;
            }
        }
        let all = prefixes.len();
        (0..n).filter(|&d| usize::from(matched[d]) == all).map(|d| (d as u32, score[d])).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> Words {
        let mut b = WordsBuilder::default();
        for t in texts {
            b.add(t);
        }
        b.finish()
    }

    fn found(words: &Words, query: &str) -> Vec<u32> {
        let mut docs: Vec<u32> = words.find(&query_words(query)).into_iter().map(|(d, _)| d).collect();
        docs.sort();
        docs
    }

    #[test]
    fn every_word_must_start_some_word_of_the_document() {
        let w = index(&["Cardiology nurse", "Renal unit and dialysis", "Cardiothoracic theatres"]);
        assert_eq!(found(&w, "cardio"), vec![0, 2]);
        assert_eq!(found(&w, "CARDIO theatre"), vec![2]);
        assert_eq!(found(&w, "dialysis renal"), vec![1]);
        assert_eq!(found(&w, "renal cardio"), Vec::<u32>::new());
        assert_eq!(found(&w, "ology"), Vec::<u32>::new(), "prefixes, not any part");
        assert_eq!(found(&w, ""), Vec::<u32>::new());
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let w = index(&["Seán Ó Briain", "Zoë Müller"]);
        assert_eq!(found(&w, "sean"), vec![0]);
        assert_eq!(found(&w, "SEÁN"), vec![0]);
        assert_eq!(found(&w, "muller zoe"), vec![1]);
    }

    #[test]
    fn search_syntax_is_only_words() {
        let w = index(&["Cardiology nurse"]);
        assert_eq!(found(&w, "\"cardio*\""), vec![0]);
        assert_eq!(found(&w, "cardio OR"), Vec::<u32>::new());
    }

    #[test]
    fn more_mentions_and_rarer_words_rank_higher() {
        let w =
            index(&["stress stress stress at work", "stress at work", "work work work", "theatre stress"]);
        let score = |query: &str, doc: u32| {
            w.find(&[query.to_string()]).into_iter().find(|(d, _)| *d == doc).map(|(_, s)| s).unwrap()
        };
        assert!(score("stress", 0) > score("stress", 1));
        assert!(score("theatre", 3) > score("stress", 3), "the rarer word counts for more");
    }

    #[test]
    fn query_words_are_plain_letters_and_digits() {
        assert_eq!(query_words("\"NHS\"* OR  (cardio) -x"), vec!["nhs", "or", "cardio", "x"]);
    }

    #[test]
    fn a_query_is_cut_to_eight_words_of_forty_letters() {
        let long = "é".repeat(50);
        let words = query_words(&format!("{long} b c d e f g h i j"));
        assert_eq!(words.len(), 8);
        assert_eq!(words[0], "e".repeat(40));
        assert_eq!(words[7], "h");
    }
}
