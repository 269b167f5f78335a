"""The language server (``followup-lint lsp``) and its diagnostics."""
