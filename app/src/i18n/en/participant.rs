use crate::i18n::keys::{AnswerTexts, ParticipantCommon, PasscodeTexts, SaveTexts, WelcomeTexts};

pub static WELCOME: WelcomeTexts = WelcomeTexts {
    title: "Welcome",
    heading: "Welcome, {name}",
    invited: "{therapist} has invited you to an exercise: {title}.",
    focus: "What it is about: {focus}",
    due: "Please answer by {date}.",
    promise: "Your therapist reads all your answers. Your family sees only what you choose to \
              share, and only when your therapist shows it in a session.",
    consent: "By starting, you agree to answer on the terms below.",
    start: "I understand, start",
    continue_answering: "Continue",
    who_sees_heading: "Who sees your answers",
    who_sees_therapist: "Your therapist can read all your answers.",
    who_sees_family: "Your family sees only the answers you choose to share, and only when your \
                      therapist brings them up in a session. Until then, nobody else sees anything \
                      you write, or even whether you have started.",
    who_sees_therapist_only: "Some answers are for your therapist only. Each question shows which.",
    who_sees_saving: "Your answers save as you go. You can stop and come back with the same link.",
    who_sees_phone: "Once saved, your answers are not kept on this phone. Quick exit, at the top \
                     of every page, leaves at once and takes everything off the screen.",
    not_crisis_heading: "This is not a crisis service",
    not_crisis_text: "Nobody watches these answers around the clock. If you or someone else is in \
                      danger, get help now:",
    language_heading: "Your language",
    language_text: "You can read and answer in the language you prefer. You can change it at any \
                    time at the top of the page; nothing you have written is lost.",
    link_not_valid_title: "This link does not work",
    link_not_valid_heading: "This link does not work any more",
    link_not_valid_text: "Links from your therapist stop working after a while, or when a new one \
                          is made. Please ask your therapist for a new link.",
    help_now_before: "If you need help now, ",
    help_now_link: "find crisis help",
    help_now_after: ".",
    wait_title: "Please wait a little",
    wait_text: "Many links that do not work were tried from this network, so for a while it \
                cannot open links. Please wait {wait}, then open your link again.",
    wait_one_minute: "1 minute",
    wait_minutes: "{minutes} minutes",
    wait_still: "If it still does not work, please ask your therapist for a new link.",
};

pub static PARTICIPANT_COMMON: ParticipantCommon = ParticipantCommon {
    use_link_heading: "Please use your invitation link",
    use_link_text: "This page opens from the personal link your therapist gave you. For your \
                    privacy, a visit ends after a while without activity; the same link opens it \
                    again. If the link does not work, ask your therapist for a new one.",
    session_started: "Your session has started. What your therapist shows the family appears on \
                      the session board.",
    open_board: "Open the session board",
    see_what_was_shown: "See what was shown in the session",
    access_done: "You have said you are done, so your answers are shown as they are. To change \
                  anything, reopen them from the last page.",
    access_not_open_yet: "Your therapist has not opened this exercise for answers yet. Please \
                          come back later using the same link.",
    access_session_started: "Your therapist has started the session, so your answers are kept \
                             as they are.",
    access_closed: "This exercise is finished: your therapist has closed it, and your answers \
                    are kept as they were. Thank you for taking part.",
    access_needs_consent: "Please read the welcome page first, then choose \"Start\".",
};

pub static PASSCODE: PasscodeTexts = PasscodeTexts {
    title: "Your passcode",
    you_are_in: "You are in",
    continue_on: "Continue",
    choose_heading: "Choose a passcode",
    choose_lead: "So nobody else can open your answers, even with your link, choose a passcode. \
                  This phone or computer will not ask for it again. Any other one will.",
    rule: "{min} to {max} numbers, easy for you to remember.",
    passcode: "Passcode",
    again: "The same passcode again",
    save: "Save my passcode",
    forget: "If you forget it, your therapist can make you a new link. Nobody, not even your \
             therapist, can see the passcode itself.",
    enter_heading: "Enter your passcode",
    enter_lead: "To keep your answers private, this phone or computer needs the passcode you \
                 chose when you first opened your link.",
    tries_left_one: "{min} to {max} numbers. 1 try left.",
    tries_left_many: "{min} to {max} numbers. {tries} tries left.",
    open: "Open my answers",
    forgot: "Forgot it? Ask your therapist for a new link. Your answers are kept safe.",
    locked_title: "This link is locked",
    locked_text: "The passcode was typed wrong too many times, so to keep the answers safe this \
                  link no longer opens. Please ask your therapist for a new link. Nothing you \
                  saved is lost.",
};

pub static ANSWERS: AnswerTexts = AnswerTexts {
    title: "Your answers",
    progress_label: "Progress",
    part_of: "Part {number} of {count}",
    teen_private: "Your answers start as \u{201c}Only my therapist\u{201d}, because you are a \
                   teen: nothing is shown to your family unless you choose. You can change this \
                   for each answer.",
    save: "Save",
    about: "About {name}",
    back: "Back",
    next: "Next",
    next_finish: "Next: finish",
    only_therapist_sees: "Only your therapist sees this answer.",
    optional: " (you can leave this empty)",
    more_like: "More like \u{201c}{word}\u{201d}",
    in_your_words: "In your own words (you can leave this empty)",
    who_can_see: "Who can see this answer?",
    share_in_session: "Share it in a session",
    only_my_therapist: "Only my therapist",
    notice_saved: "Your answers on this page are saved.",
    notice_not_saved: "Some answers on this page are not saved yet: the message next to each one \
                       says why. Everything you typed is still in its box.",
    notice_error: "Something went wrong on our side and some answers may not be saved. Please \
                   try again in a moment.",
    finish: "Finish",
    answered_of: "You have answered {answered} of {total} questions.",
    answered_all: "You have answered every question.",
    leave_empty: "It is fine to leave questions empty. If you want to go back to any of them, \
                  here they are:",
    ready_done: "When you are ready, tell your therapist you are done. You can still reopen your \
                 answers until the session starts.",
    done: "I'm done",
    done_thanks: "Thank you. Your therapist will see that you are done. Nobody else is told.",
    reopen_hint: "Want to change something? You can reopen your answers until the session starts.",
    reopen: "Reopen my answers",
    back_to_questions: "Back to the questions",
    read_aloud: "Read aloud",
};

pub static SAVE: SaveTexts = SaveTexts {
    not_saved_yet: "Not saved yet",
    saving: "Saving…",
    saved: "Saved",
    cannot_save: "This answer could not be saved. Please reload the page; your text is kept on \
                  this device.",
    visit_ended: "Not saved: your visit has ended. For your privacy nothing is kept on this phone \
                  after a visit, so please copy your text now. Then open the link from your \
                  therapist again in a new tab; this page saves it once you have.",
    retrying: "Not saved yet — we'll keep trying. Your text is kept on this device.",
    page_saved: "Your answers on this page are saved.",
    page_not_saved: "Some answers are not saved yet, so you are still on this page. Please see \
                     the message by each answer; nothing you typed is lost.",
    counter: "{count} of {max} characters",
    replaced_explanation: "This answer was also changed in another window or on another device. \
                           Your newer text is the one kept above. The text it replaced is below, \
                           so you can copy anything you want to keep.",
    replaced_dismiss: "I have kept what I need",
    score_out_of: "{score} out of {max}",
};
