"""Japanese proofreading: fugashi analyzer, rules, profiles, dictionaries (no Qt)."""
