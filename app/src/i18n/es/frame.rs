use crate::i18n::keys::{BoardMarks, CrisisTexts, Frame, QuickExitText};

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
