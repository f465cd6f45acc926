//! Template server functions: list, import, export.
