use crate::i18n::keys::{BoardMarks, CrisisTexts, Frame, QuickExitText};

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
