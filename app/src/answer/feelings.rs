//! The feelings vocabulary of the feelings picker: a few plain words people reach
//! for first, each with finer words underneath. Shared by server (to check what is
//! saved) and browser (to draw the picker). Words are stored as they are written
//! here, so changing one changes what old answers mean: add, do not rename.

/// A group: its main word and the finer words under it.
pub struct FeelingGroup {
    pub word: &'static str,
    pub finer: &'static [&'static str],
}

pub const FEELING_GROUPS: &[FeelingGroup] = &[
    FeelingGroup { word: "hurt", finer: &["let down", "betrayed", "rejected", "humiliated"] },
    FeelingGroup { word: "afraid", finer: &["worried", "anxious", "scared", "helpless"] },
    FeelingGroup { word: "angry", finer: &["frustrated", "resentful", "furious", "bitter"] },
    FeelingGroup { word: "sad", finer: &["disappointed", "grieving", "hopeless", "worn out"] },
    FeelingGroup { word: "ashamed", finer: &["embarrassed", "guilty", "exposed", "small"] },
    FeelingGroup { word: "lonely", finer: &["left out", "invisible", "unsupported", "cut off"] },
    FeelingGroup { word: "confused", finer: &["torn", "numb", "unsure", "mixed up"] },
    FeelingGroup { word: "hopeful", finer: &["relieved", "grateful", "proud", "loved", "calm"] },
];

/// Longest free-words text a feelings answer may carry.
pub const FEELING_WORDS_MAX_CHARS: usize = 500;

/// True for a word of the vocabulary (a main word or a finer one).
pub fn is_feeling(word: &str) -> bool {
    FEELING_GROUPS.iter().any(|group| group.word == word || group.finer.contains(&word))
}

/// The vocabulary's words in picker order.
pub fn all_feelings() -> impl Iterator<Item = &'static str> {
    FEELING_GROUPS
        .iter()
        .flat_map(|group| std::iter::once(group.word).chain(group.finer.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_appears_once() {
        let mut words: Vec<&str> = all_feelings().collect();
        let count = words.len();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), count, "a feeling word appears twice");
        assert!(is_feeling("betrayed") && is_feeling("hopeful") && !is_feeling("fine"));
    }
}
