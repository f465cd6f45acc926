//! The feelings vocabulary of the feelings picker: a few plain words people reach
//! for first, each with finer words underneath. Shared by server (to check what is
//! saved) and browser (to draw the picker). Words are stored as they are written
//! here, so changing one changes what old answers mean: add, do not rename.

use crate::i18n::Language;

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

/// How a vocabulary word is shown in `language` (the word itself is what is
/// stored, so an answer reads in whoever's language looks at it). Spanish names
/// each feeling as people say it ("sentí miedo"): mostly nouns, which also do not
/// change with the speaker's gender, as adjectives would.
pub fn feeling_label(word: &str, language: Language) -> &str {
    match language {
        Language::En => word,
        Language::Es => SPANISH
            .iter()
            .find(|(english, _)| *english == word)
            .map_or(word, |(_, spanish)| spanish),
    }
}

const SPANISH: &[(&str, &str)] = &[
    ("hurt", "dolor"),
    ("let down", "desilusión"),
    ("betrayed", "traición"),
    ("rejected", "rechazo"),
    ("humiliated", "humillación"),
    ("afraid", "miedo"),
    ("worried", "preocupación"),
    ("anxious", "ansiedad"),
    ("scared", "susto"),
    ("helpless", "impotencia"),
    ("angry", "enojo"),
    ("frustrated", "frustración"),
    ("resentful", "resentimiento"),
    ("furious", "rabia"),
    ("bitter", "amargura"),
    ("sad", "tristeza"),
    ("disappointed", "decepción"),
    ("grieving", "duelo"),
    ("hopeless", "desesperanza"),
    ("worn out", "agotamiento"),
    ("ashamed", "vergüenza"),
    ("embarrassed", "pena"),
    ("guilty", "culpa"),
    ("exposed", "quedar en evidencia"),
    ("small", "sentirme poca cosa"),
    ("lonely", "soledad"),
    ("left out", "exclusión"),
    ("invisible", "invisible"),
    ("unsupported", "falta de apoyo"),
    ("cut off", "aislamiento"),
    ("confused", "confusión"),
    ("torn", "sentimientos encontrados"),
    ("numb", "no sentir nada"),
    ("unsure", "duda"),
    ("mixed up", "desorientación"),
    ("hopeful", "esperanza"),
    ("relieved", "alivio"),
    ("grateful", "gratitud"),
    ("proud", "orgullo"),
    ("loved", "amor"),
    ("calm", "calma"),
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

    #[test]
    fn every_word_has_its_spanish_and_no_two_share_one() {
        let mut spanish: Vec<&str> =
            all_feelings().map(|word| feeling_label(word, Language::Es)).collect();
        for word in all_feelings() {
            assert!(SPANISH.iter().any(|(english, _)| *english == word), "{word} has no Spanish");
        }
        assert_eq!(SPANISH.len(), all_feelings().count(), "a Spanish word for no feeling");
        let count = spanish.len();
        spanish.sort_unstable();
        spanish.dedup();
        assert_eq!(spanish.len(), count, "two feelings read the same in Spanish");
        assert_eq!(feeling_label("afraid", Language::En), "afraid");
    }
}
