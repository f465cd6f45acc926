use crate::i18n::keys::{BoardMarks, BoardTexts, CrisisTexts, Frame, QuickExitText};

pub static FRAME: Frame = Frame {
    skip_link: "Saltar al contenido principal",
    account_nav_label: "Cuenta",
    families: "Familias",
    templates: "Plantillas",
    your_account: "Su cuenta",
    sign_in: "Iniciar sesión",
    footer_before: "Parallel no es un servicio de crisis. Si usted u otra persona está en peligro, ",
    footer_link: "busque ayuda de crisis ahora",
    footer_after: ".",
    language_switch_label: "Idioma",
    loading: "Cargando…",
    page_not_found_title: "Página no encontrada",
    page_not_found_heading: "No encontramos esa página",
    page_not_found_before: "Puede que el enlace sea antiguo o tenga un error. ",
    page_not_found_link: "Ir a la página de inicio",
    page_not_found_after: ".",
};

pub static QUICK_EXIT: QuickExitText = QuickExitText { label: "Salida rápida" };

pub static CRISIS: CrisisTexts = CrisisTexts {
    title: "Ayuda en crisis",
    lead: "Parallel no es un servicio de crisis y nadie lo vigila a todas horas. \
           Si usted u otra persona está en peligro ahora mismo, comuníquese con uno de estos servicios.",
    all_help: "Toda la ayuda en crisis, incluidas las líneas de violencia doméstica y de consumo de sustancias",
    call: "Llamar al {number}",
    text: "Enviar mensaje al {number}",
    website: "Sitio web",
};

pub static BOARD_MARKS: BoardMarks =
    BoardMarks { written_in_en: "Escrito en inglés", written_in_es: "Escrito en español" };

pub static BOARD: BoardTexts = BoardTexts {
    title: "Tablero de la sesión",
    intro_before: "La sesión todavía no empezó. Durante la sesión, lo que su terapeuta muestre \
                   aparecerá aquí.",
    intro_started: "La sesión ya empezó. Lo que su terapeuta muestre aparecerá aquí a medida que \
                    lo muestre.",
    intro_shown: "Esto es lo que su terapeuta ha mostrado hasta ahora. Puede aparecer más a \
                  medida que conversan.",
    intro_over: "La sesión terminó. Esto es lo que se mostró.",
    back_to_answers: "Volver a sus respuestas",
    not_shown_yet: "Su terapeuta todavía no mostró esta parte.",
    perspective: "La mirada de {name}",
    own_words: "Las palabras de {name}",
    imagined_by: "Lo que imaginó {name}",
    imagined_by_others: "Lo que imaginaron los demás",
    feelings_both: "Sentimientos que nombraron los dos: ",
    feelings: "Sentimientos",
    both_named: " (los dos lo nombraron)",
    closeness: "Qué tan cerca estuvo lo que imaginaron, para {name}: {label} ({rating} de 4)",
    closeness_by_therapist: " (lo anotó su terapeuta)",
    rate_about_you: "¿Qué tan cerca estuvo lo que imaginaron sobre usted?",
    no_answer: "Sin respuesta.",
    no_answers: "Sin respuestas.",
    close_0: "Nada cerca",
    close_1: "Un poco cerca",
    close_2: "En parte",
    close_3: "Muy cerca",
    close_4: "Justo así",
    next_steps: "Próximos pasos",
    no_next_steps: "Todavía no se acordaron próximos pasos.",
    step_for: " (para {name})",
    step_by: " (para el {date})",
    agreed: "{name} acordó: \u{201c}{step}\u{201d}",
    agreed_by: "{name} acordó: \u{201c}{step}\u{201d} (para el {date})",
    how_it_has_gone: "{name}: cómo le ha ido",
    noticed_change: "{name}: ¿notó un cambio?",
};
