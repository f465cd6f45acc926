use crate::i18n::keys::{AnswerTexts, ParticipantCommon, PasscodeTexts, SaveTexts, WelcomeTexts};

pub static WELCOME: WelcomeTexts = WelcomeTexts {
    title: "Bienvenida",
    heading: "Le damos la bienvenida, {name}",
    invited: "{therapist} le invitó a un ejercicio: {title}.",
    focus: "De qué se trata: {focus}",
    due: "Por favor, responda antes del {date}.",
    promise: "Su terapeuta lee todas sus respuestas. Su familia ve solo lo que usted decida \
              compartir, y solo cuando su terapeuta lo muestre en una sesión.",
    consent: "Al empezar, usted acepta responder en las condiciones de abajo.",
    start: "Entiendo, empezar",
    continue_answering: "Continuar",
    who_sees_heading: "Quién ve sus respuestas",
    who_sees_therapist: "Su terapeuta puede leer todas sus respuestas.",
    who_sees_family: "Su familia ve solo las respuestas que usted decida compartir, y solo cuando \
                      su terapeuta las presente en una sesión. Hasta entonces, nadie más ve nada de \
                      lo que usted escribe, ni siquiera si ya empezó.",
    who_sees_therapist_only: "Algunas respuestas son solo para su terapeuta. Cada pregunta le \
                              indica cuáles.",
    who_sees_saving: "Sus respuestas se guardan a medida que escribe. Puede parar y volver con el \
                      mismo enlace.",
    who_sees_phone: "Una vez guardadas, sus respuestas no se quedan en este teléfono. La salida \
                     rápida, arriba en cada página, sale de inmediato y borra todo de la pantalla.",
    not_crisis_heading: "Este no es un servicio de crisis",
    not_crisis_text: "Nadie revisa estas respuestas a todas horas. Si usted u otra persona está \
                      en peligro, busque ayuda ahora:",
    language_heading: "Su idioma",
    language_text: "Puede leer y responder en el idioma que prefiera. Puede cambiarlo cuando \
                    quiera arriba en la página; no se pierde nada de lo que escribió.",
    link_not_valid_title: "Este enlace no funciona",
    link_not_valid_heading: "Este enlace ya no funciona",
    link_not_valid_text: "Los enlaces de su terapeuta dejan de funcionar después de un tiempo, o \
                          cuando se crea uno nuevo. Por favor, pídale a su terapeuta un enlace nuevo.",
    help_now_before: "Si necesita ayuda ahora, ",
    help_now_link: "busque ayuda de crisis",
    help_now_after: ".",
    wait_title: "Por favor, espere un poco",
    wait_text: "Desde esta red se probaron muchos enlaces que no funcionan, así que por un tiempo \
                no puede abrir enlaces. Por favor, espere {wait} y vuelva a abrir su enlace.",
    wait_one_minute: "1 minuto",
    wait_minutes: "{minutes} minutos",
    wait_still: "Si todavía no funciona, por favor pídale a su terapeuta un enlace nuevo.",
};

pub static PARTICIPANT_COMMON: ParticipantCommon = ParticipantCommon {
    use_link_heading: "Por favor, use su enlace de invitación",
    use_link_text: "Esta página se abre desde el enlace personal que le dio su terapeuta. Para \
                    proteger su privacidad, una visita termina después de un rato sin actividad; \
                    el mismo enlace la abre de nuevo. Si el enlace no funciona, pídale a su \
                    terapeuta uno nuevo.",
    session_started: "Su sesión ya empezó. Lo que su terapeuta le muestre a la familia aparece en \
                      el tablero de la sesión.",
    open_board: "Abrir el tablero de la sesión",
    see_what_was_shown: "Ver lo que se mostró en la sesión",
    access_done: "Usted indicó que terminó, así que sus respuestas se muestran tal como están. \
                  Para cambiar algo, vuelva a abrirlas desde la última página.",
    access_not_open_yet: "Su terapeuta todavía no abrió este ejercicio para responder. Por favor, \
                          vuelva más tarde con el mismo enlace.",
    access_session_started: "Su terapeuta ya empezó la sesión, así que sus respuestas se guardan \
                             tal como están.",
    access_closed: "Este ejercicio terminó: su terapeuta lo cerró y sus respuestas se guardan tal \
                    como estaban. Gracias por participar.",
    access_needs_consent: "Por favor, lea primero la página de bienvenida y luego elija \
                           \"Empezar\".",
};

pub static PASSCODE: PasscodeTexts = PasscodeTexts {
    title: "Su código",
    you_are_in: "Ya puede entrar",
    continue_on: "Continuar",
    choose_heading: "Elija un código",
    choose_lead: "Para que nadie más pueda abrir sus respuestas, aunque tenga su enlace, elija un \
                  código. Este teléfono o computadora no se lo volverá a pedir. Cualquier otro, sí.",
    rule: "De {min} a {max} números, fáciles de recordar para usted.",
    passcode: "Código",
    again: "El mismo código otra vez",
    save: "Guardar mi código",
    forget: "Si lo olvida, su terapeuta puede crearle un enlace nuevo. Nadie, ni siquiera su \
             terapeuta, puede ver el código.",
    enter_heading: "Escriba su código",
    enter_lead: "Para mantener sus respuestas en privado, este teléfono o computadora necesita el \
                 código que usted eligió la primera vez que abrió su enlace.",
    tries_left_one: "De {min} a {max} números. Le queda 1 intento.",
    tries_left_many: "De {min} a {max} números. Le quedan {tries} intentos.",
    open: "Abrir mis respuestas",
    forgot: "¿Lo olvidó? Pídale a su terapeuta un enlace nuevo. Sus respuestas están a salvo.",
    locked_title: "Este enlace está bloqueado",
    locked_text: "El código se escribió mal demasiadas veces, así que, para proteger las \
                  respuestas, este enlace ya no abre. Por favor, pídale a su terapeuta un enlace \
                  nuevo. No se perdió nada de lo que guardó.",
};

pub static ANSWERS: AnswerTexts = AnswerTexts {
    title: "Sus respuestas",
    progress_label: "Avance",
    part_of: "Parte {number} de {count}",
    teen_private: "Sus respuestas empiezan como \u{201c}Solo mi terapeuta\u{201d}, porque usted es \
                   adolescente: no se le muestra nada a su familia a menos que usted lo decida. \
                   Puede cambiarlo en cada respuesta.",
    save: "Guardar",
    about: "Sobre {name}",
    back: "Atrás",
    next: "Siguiente",
    next_finish: "Siguiente: terminar",
    only_therapist_sees: "Solo su terapeuta ve esta respuesta.",
    optional: " (puede dejarla en blanco)",
    more_like: "Más como \u{201c}{word}\u{201d}",
    in_your_words: "Con sus propias palabras (puede dejarlo en blanco)",
    who_can_see: "¿Quién puede ver esta respuesta?",
    share_in_session: "Compartirla en una sesión",
    only_my_therapist: "Solo mi terapeuta",
    notice_saved: "Sus respuestas de esta página están guardadas.",
    notice_not_saved: "Algunas respuestas de esta página todavía no se guardaron: el mensaje junto \
                       a cada una explica por qué. Todo lo que escribió sigue en su recuadro.",
    notice_error: "Algo falló de nuestro lado y es posible que algunas respuestas no se hayan \
                   guardado. Por favor, intente de nuevo en un momento.",
    finish: "Terminar",
    answered_of: "Usted respondió {answered} de {total} preguntas.",
    answered_all: "Usted respondió todas las preguntas.",
    leave_empty: "Está bien dejar preguntas sin responder. Si quiere volver a alguna, aquí están:",
    ready_done: "Cuando quiera, avísele a su terapeuta que terminó. Todavía puede volver a \
                 abrir sus respuestas hasta que empiece la sesión.",
    done: "Terminé",
    done_thanks: "Gracias. Su terapeuta verá que usted terminó. No se le avisa a nadie más.",
    reopen_hint: "¿Quiere cambiar algo? Puede volver a abrir sus respuestas hasta que empiece la \
                  sesión.",
    reopen: "Volver a abrir mis respuestas",
    back_to_questions: "Volver a las preguntas",
    read_aloud: "Leer en voz alta",
};

pub static SAVE: SaveTexts = SaveTexts {
    not_saved_yet: "Todavía no se guardó",
    saving: "Guardando…",
    saved: "Guardado",
    cannot_save: "No se pudo guardar esta respuesta. Por favor, vuelva a cargar la página; su \
                  texto se conserva en este dispositivo.",
    visit_ended: "No se guardó: su visita terminó. Para proteger su privacidad, no se guarda nada \
                  en este teléfono después de una visita, así que copie su texto ahora. Luego \
                  abra otra vez el enlace de su terapeuta en una pestaña nueva; esta página lo \
                  guardará cuando lo haya hecho.",
    retrying: "Todavía no se guardó; lo seguiremos intentando. Su texto se conserva en este \
               dispositivo.",
    page_saved: "Sus respuestas de esta página están guardadas.",
    page_not_saved: "Algunas respuestas todavía no se guardaron, así que sigue en esta página. \
                     Vea el mensaje junto a cada respuesta; no se perdió nada de lo que escribió.",
    counter: "{count} de {max} caracteres",
    replaced_explanation: "Esta respuesta también se cambió en otra ventana o en otro \
                           dispositivo. Su texto más reciente es el que queda arriba. El texto \
                           que reemplazó está abajo, para que pueda copiar lo que quiera guardar.",
    replaced_dismiss: "Ya guardé lo que necesito",
    score_out_of: "{score} de {max}",
};
