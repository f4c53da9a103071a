"""Translation models (registry, manifest, import, verify, convert) and the CTranslate2 engine (no Qt)."""
