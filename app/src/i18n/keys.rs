//! Which texts each catalogue has: one line per key. The values are in `en/` and
//! `es/`; a key added here without a value in both does not compile.
//!
//! Keys ending in `_before`/`_link`/`_after` are one sentence around a link, split
//! so that each language can put the link where its word order wants it.

use super::catalogues;

catalogues! {
    /// The frame of every page: skip link, header, footer, language switch.
    Frame in FRAME {
        skip_link,
        account_nav_label,
        families,
        templates,
        your_account,
        sign_in,
        footer_before,
        footer_link,
        footer_after,
        language_switch_label,
        loading,
        page_not_found_title,
        page_not_found_heading,
        page_not_found_before,
        page_not_found_link,
        page_not_found_after,
    }

    /// The quick exit: read by its island, so it is kept apart and small.
    QuickExitText in QUICK_EXIT {
        label,
    }

    /// The welcome page and the pages a link that does not work lands on.
    WelcomeTexts in WELCOME {
        title,
        heading,
        invited,
        focus,
        due,
        promise,
        consent,
        start,
        continue_answering,
        who_sees_heading,
        who_sees_therapist,
        who_sees_family,
        who_sees_therapist_only,
        who_sees_saving,
        who_sees_phone,
        not_crisis_heading,
        not_crisis_text,
        language_heading,
        language_text,
        link_not_valid_title,
        link_not_valid_heading,
        link_not_valid_text,
        help_now_before,
        help_now_link,
        help_now_after,
        wait_title,
        wait_text,
        wait_one_minute,
        wait_minutes,
        wait_still,
    }

    /// What every participant page says the same way.
    ParticipantCommon in PARTICIPANT_COMMON {
        use_link_heading,
        use_link_text,
        session_started,
        open_board,
        see_what_was_shown,
        access_done,
        access_not_open_yet,
        access_session_started,
        access_closed,
        access_needs_consent,
    }

    /// Crisis help: the page and the lists on other pages.
    CrisisTexts in CRISIS {
        title,
        lead,
        all_help,
        call,
        text,
        website,
    }

    /// Choosing or giving the passcode, and the locked link.
    PasscodeTexts in PASSCODE {
        title,
        you_are_in,
        continue_on,
        choose_heading,
        choose_lead,
        rule,
        passcode,
        again,
        save,
        forget,
        enter_heading,
        enter_lead,
        tries_left_one,
        tries_left_many,
        open,
        forgot,
        locked_title,
        locked_text,
    }

    /// The answer pages (server-rendered parts).
    AnswerTexts in ANSWERS {
        title,
        progress_label,
        part_of,
        teen_private,
        save,
        about,
        back,
        next,
        next_finish,
        only_therapist_sees,
        optional,
        more_like,
        in_your_words,
        who_can_see,
        share_in_session,
        only_my_therapist,
        notice_saved,
        notice_not_saved,
        notice_error,
        finish,
        answered_of,
        answered_all,
        leave_empty,
        ready_done,
        done,
        done_thanks,
        reopen_hint,
        reopen,
        back_to_questions,
        read_aloud,
    }

    /// What autosave says: read by the answer form's island too, so kept small.
    SaveTexts in SAVE {
        not_saved_yet,
        saving,
        saved,
        cannot_save,
        visit_ended,
        retrying,
        page_saved,
        page_not_saved,
        counter,
        replaced_explanation,
        replaced_dismiss,
        score_out_of,
    }

    /// Marks on boards: read by the board islands, so kept small.
    BoardMarks in BOARD_MARKS {
        written_in_en,
        written_in_es,
    }

    /// What a participant reads on their session board (the board islands read it;
    /// the therapist's own controls are not in it yet: docs/i18n.md).
    BoardTexts in BOARD {
        title,
        intro_before,
        intro_started,
        intro_shown,
        intro_over,
        back_to_answers,
        not_shown_yet,
        perspective,
        own_words,
        imagined_by,
        imagined_by_others,
        feelings_both,
        feelings,
        both_named,
        closeness,
        closeness_by_therapist,
        rate_about_you,
        no_answer,
        no_answers,
        close_0,
        close_1,
        close_2,
        close_3,
        close_4,
        next_steps,
        no_next_steps,
        step_for,
        step_by,
        agreed,
        agreed_by,
        how_it_has_gone,
        noticed_change,
    }
}
