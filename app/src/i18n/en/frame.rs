use crate::i18n::keys::{BoardMarks, BoardTexts, CrisisTexts, Frame, QuickExitText};

pub static FRAME: Frame = Frame {
    skip_link: "Skip to main content",
    account_nav_label: "Account",
    families: "Families",
    templates: "Templates",
    your_account: "Your account",
    sign_in: "Sign in",
    footer_before: "Parallel is not a crisis service. If you or someone else is in danger, ",
    footer_link: "find crisis help now",
    footer_after: ".",
    language_switch_label: "Language",
    loading: "Loading…",
    page_not_found_title: "Page not found",
    page_not_found_heading: "We could not find that page",
    page_not_found_before: "The link may be old or mistyped. ",
    page_not_found_link: "Go to the start page",
    page_not_found_after: ".",
};

pub static QUICK_EXIT: QuickExitText = QuickExitText { label: "Quick exit" };

pub static CRISIS: CrisisTexts = CrisisTexts {
    title: "Crisis help",
    lead: "Parallel is not a crisis service and nobody watches it around the clock. \
           If you or someone else is in danger right now, contact one of these services.",
    all_help: "All crisis help, including domestic violence and substance use lines",
    call: "Call {number}",
    text: "Text {number}",
    website: "Website",
};

pub static BOARD_MARKS: BoardMarks =
    BoardMarks { written_in_en: "Written in English", written_in_es: "Written in Spanish" };

pub static BOARD: BoardTexts = BoardTexts {
    title: "Session board",
    intro_before: "The session has not started yet. During the session, what your therapist \
                   shows appears here.",
    intro_started: "The session has started. What your therapist shows will appear here as they \
                    show it.",
    intro_shown: "Here is what your therapist has shown so far. More may appear as you talk.",
    intro_over: "The session is over. This is what was shown.",
    back_to_answers: "Back to your answers",
    not_shown_yet: "Your therapist has not shown this part yet.",
    perspective: "{name}'s perspective",
    own_words: "{name}'s own words",
    imagined_by: "What {name} imagined",
    imagined_by_others: "What others imagined",
    feelings_both: "Feelings both named: ",
    feelings: "Feelings",
    both_named: " (both named this)",
    closeness: "How close the guess was, for {name}: {label} ({rating} of 4)",
    closeness_by_therapist: " (entered by the therapist)",
    rate_about_you: "How close was the guess about you?",
    no_answer: "No answer.",
    no_answers: "No answers.",
    close_0: "Not close",
    close_1: "A little close",
    close_2: "Partly close",
    close_3: "Very close",
    close_4: "Spot on",
    next_steps: "Next steps",
    no_next_steps: "No next steps agreed yet.",
    step_for: " (for {name})",
    step_by: " (by {date})",
    agreed: "{name} agreed: \u{201c}{step}\u{201d}",
    agreed_by: "{name} agreed: \u{201c}{step}\u{201d} (by {date})",
    how_it_has_gone: "{name}: how it has gone",
    noticed_change: "{name}: noticed a change?",
};
