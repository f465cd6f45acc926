//! The Over time measures, from each exercise's therapist board (server only).
//! Pure, so the numbers can be checked against a hand computation (tests below).
//!
//! A *guessing pair* is a guesser and the person their guesses are about (the
//! subject): the person in recovery about each family member, and a family member
//! about the person in recovery where the template asks it. Per exercise it has:
//! - guesses: the pair rows where the guesser wrote a guess about the subject;
//! - ratings: the closeness given to those rows (0–4; a row is rated once, so where
//!   several people guessed about one subject, each of them is given that rating);
//! - feelings: of the feelings the subject named in a row, how many the guesser's
//!   guess named too (rows where both named feelings);
//! - next steps kept: of the steps the guesser agreed *for* the subject last time,
//!   how many they said were done when it was followed up in this exercise.

use std::collections::BTreeSet;

use super::model::{PairPoint, PairTrend, SeriesExercise};
use crate::{answer::AnswerValue, board::model::Board, family::Participant};

/// The trends of every guessing pair with a guess in any of `boards` (one therapist
/// board per exercise, in the series' order), in the family's order of people.
/// People no longer in the family are left out; the others' numbers stand.
pub fn pair_trends(
    exercises: &[SeriesExercise],
    boards: &[Board],
    people: &[Participant],
) -> Vec<PairTrend> {
    let mut trends = Vec::new();
    for guesser in people {
        for subject in people.iter().filter(|p| p.id != guesser.id) {
            let points: Vec<PairPoint> =
                boards.iter().map(|board| point(board, &guesser.id, &subject.id)).collect();
            if points.iter().all(|p| p.guesses == 0 && p.steps == 0) {
                continue;
            }
            let (guesser_name, subject_name) =
                (guesser.display_name.as_str(), subject.display_name.as_str());
            trends.push(PairTrend {
                words: words(guesser_name, subject_name, &points, exercises),
                guesser_id: guesser.id.to_string(),
                guesser_name: guesser_name.to_owned(),
                subject_id: subject.id.to_string(),
                subject_name: subject_name.to_owned(),
                points,
            });
        }
    }
    trends
}

/// One exercise's numbers for the guesses of `guesser` about `subject`.
fn point(board: &Board, guesser: &str, subject: &str) -> PairPoint {
    let mut point = PairPoint::default();
    let rows = board
        .sections
        .iter()
        .flat_map(|section| &section.perspectives)
        .filter(|perspective| perspective.subject.id == subject)
        .flat_map(|perspective| &perspective.rows);
    for row in rows {
        let guessed: Vec<&AnswerValue> = row
            .imagined
            .iter()
            .filter(|shown| shown.author_id == guesser && shown.value.is_answered())
            .map(|shown| &shown.value)
            .collect();
        if guessed.is_empty() {
            continue;
        }
        point.guesses += 1;
        if let Some(closeness) = row.closeness {
            point.ratings.push(closeness.rating);
        }
        let named = feelings(row.own.iter().filter(|s| s.author_id == subject).map(|s| &s.value));
        let guessed_feelings = feelings(guessed.into_iter());
        if !named.is_empty() && !guessed_feelings.is_empty() {
            point.feelings_named += named.len() as u32;
            point.feelings_matched += named.intersection(&guessed_feelings).count() as u32;
        }
    }
    let followed = board
        .sections
        .iter()
        .flat_map(|section| &section.follow_ups)
        .filter(|f| f.step.who_id == guesser && f.step.for_id.as_deref() == Some(subject));
    for follow_up in followed {
        point.steps += 1;
        let done = follow_up
            .how
            .iter()
            .any(|shown| matches!(&shown.value, AnswerValue::Choice { choice } if choice == KEPT));
        point.steps_kept += u32::from(done);
    }
    point
}

/// The follow-up choice that counts a next step as kept (the built-in template's
/// "Done"; a template of one's own uses the same value).
pub const KEPT: &str = "done";

fn feelings<'a>(values: impl Iterator<Item = &'a AnswerValue>) -> BTreeSet<&'a str> {
    values
        .filter_map(|value| match value {
            AnswerValue::Feelings { feelings, .. } => Some(feelings),
            _ => None,
        })
        .flatten()
        .map(String::as_str)
        .collect()
}

/// The trend in plain words: what the ratings did, never a judgement of a person.
fn words(
    guesser: &str,
    subject: &str,
    points: &[PairPoint],
    exercises: &[SeriesExercise],
) -> String {
    let who = format!("{guesser}'s guesses about {subject}");
    let rated: Vec<(usize, f64)> =
        points.iter().enumerate().filter_map(|(i, p)| p.mean().map(|mean| (i, mean))).collect();
    let Some(&(last_index, last)) = rated.last() else {
        return format!("{who}: not rated yet.");
    };
    let Some(&(_, before)) = rated.iter().rev().nth(1) else {
        let number = exercises.get(last_index).map_or(last_index + 1, |e| e.number);
        return format!("{who}: rated once so far, in exercise {number} ({last:.1} of 4).");
    };
    // How many times in a row, up to the latest, the mean rose.
    let rises = rated.windows(2).rev().take_while(|pair| pair[1].1 > pair[0].1).count();
    let consecutive = rated.windows(2).rev().take(rises).all(|pair| pair[1].0 == pair[0].0 + 1);
    let exercises_word = if consecutive { "exercises" } else { "rated exercises" };
    if rises >= 2 {
        format!("{who}: closer in each of the last {} {exercises_word}.", count_word(rises))
    } else if last > before {
        format!("{who}: closer than the time before ({before:.1} to {last:.1} of 4).")
    } else if last == before {
        format!("{who}: as close as the time before ({last:.1} of 4).")
    } else {
        format!("{who}: less close than the time before ({before:.1} to {last:.1} of 4).")
    }
}

fn count_word(n: usize) -> String {
    const WORDS: [&str; 9] =
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    n.checked_sub(2).and_then(|i| WORDS.get(i)).map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(ratings: &[u8]) -> PairPoint {
        PairPoint {
            guesses: ratings.len().max(1) as u32,
            ratings: ratings.to_vec(),
            ..PairPoint::default()
        }
    }

    fn exercises(n: usize) -> Vec<SeriesExercise> {
        (1..=n)
            .map(|number| SeriesExercise {
                id: number.to_string(),
                number,
                started_ms: 0,
                title: "Impact, hurt and amends".into(),
            })
            .collect()
    }

    #[test]
    fn words_say_what_the_ratings_did() {
        let say = |points: Vec<PairPoint>| words("Alex", "Sam", &points, &exercises(points.len()));
        assert_eq!(say(vec![point(&[])]), "Alex's guesses about Sam: not rated yet.");
        assert_eq!(
            say(vec![point(&[]), point(&[2, 3])]),
            "Alex's guesses about Sam: rated once so far, in exercise 2 (2.5 of 4)."
        );
        assert_eq!(
            say(vec![point(&[1]), point(&[2]), point(&[3]), point(&[4])]),
            "Alex's guesses about Sam: closer in each of the last three exercises."
        );
        assert_eq!(
            say(vec![point(&[1]), point(&[]), point(&[2]), point(&[3])]),
            "Alex's guesses about Sam: closer in each of the last two rated exercises."
        );
        assert_eq!(
            say(vec![point(&[3]), point(&[1]), point(&[2])]),
            "Alex's guesses about Sam: closer than the time before (1.0 to 2.0 of 4)."
        );
        assert_eq!(
            say(vec![point(&[2]), point(&[2])]),
            "Alex's guesses about Sam: as close as the time before (2.0 of 4)."
        );
        assert_eq!(
            say(vec![point(&[3]), point(&[1])]),
            "Alex's guesses about Sam: less close than the time before (3.0 to 1.0 of 4)."
        );
    }

    #[test]
    fn unrated_is_not_zero() {
        let unrated = point(&[]);
        assert_eq!(unrated.mean(), None);
        assert_eq!(unrated.mean_text(), "not rated");
        assert_eq!(point(&[0]).mean_text(), "0.0");
        assert_eq!(PairPoint::default().feelings_text(), "no feelings to compare");
        assert_eq!(PairPoint::default().steps_text(), "no next steps");
    }
}
