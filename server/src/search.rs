//! The coordinator's text search over visit notes, answered from a trigram index on
//! each engine (SQLite's FTS5 `trigram` table, PostgreSQL's `pg_trgm`), so a word that
//! occurs nowhere costs an index lookup, not a read of every note in the organisation.
//! Either way a search finds the words anywhere inside the text, in any case.

use crate::db::{DbError, Engine};

/// Fewer characters than this cannot use a trigram index: such a search reads the
/// notes themselves (still only the page it needs, newest first).
const SHORTEST_INDEXED: usize = 3;

/// Keeps one visit's searchable words in step with its note (inside the write's
/// transaction). A deleted visit keeps none. PostgreSQL indexes the column itself.
pub async fn keep_words(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    visit: &str,
    words: &str,
) -> Result<(), DbError> {
    if tx.backend_name() != "SQLite" {
        return Ok(());
    }
    sqlx::query("INSERT INTO visit_word_keys (org_id, visit_id) VALUES ($1, $2) ON CONFLICT (org_id, visit_id) DO NOTHING")
        .bind(org)
        .bind(visit)
        .execute(&mut **tx)
        .await?;
    let key: i64 =
        sqlx::query_scalar("SELECT key FROM visit_word_keys WHERE org_id = $1 AND visit_id = $2")
            .bind(org)
            .bind(visit)
            .fetch_one(&mut **tx)
            .await?;
    sqlx::query("DELETE FROM visit_words WHERE rowid = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    if !words.is_empty() {
        sqlx::query("INSERT INTO visit_words (rowid, search_text) VALUES ($1, $2)")
            .bind(key)
            .bind(words)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The condition (one `?` for the value) that keeps the visits `i` whose notes contain
/// `words`, and the value to bind. `$1` is the organisation.
pub fn contains(engine: Engine, words: &str) -> (&'static str, String) {
    let words = words.trim().to_lowercase();
    match engine {
        Engine::Sqlite if words.chars().count() >= SHORTEST_INDEXED => (
            // The matching keys are listed once (the trigram index), then the page is
            // read newest first as without a search; joined the other way round,
            // SQLite would run the full-text query once per visit.
            "i.id IN (SELECT k.visit_id FROM visit_word_keys k WHERE k.org_id = $1 \
             AND k.key IN (SELECT rowid FROM visit_words WHERE visit_words MATCH ?))",
            format!("\"{}\"", words.replace('"', "\"\"")),
        ),
        Engine::Sqlite => ("instr(i.search_text, ?) > 0", words),
        Engine::Postgres => (
            "i.search_text LIKE ? ESCAPE '\\'",
            format!("%{}%", like_literal(&words)),
        ),
    }
}

/// `text` with LIKE's wildcards taken literally.
fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_searched_for_not_expanded() {
        let (_, value) = contains(Engine::Postgres, "100%_ok\\");
        assert_eq!(value, "%100\\%\\_ok\\\\%");
    }

    #[test]
    fn a_quote_cannot_break_out_of_the_phrase() {
        let (clause, value) = contains(Engine::Sqlite, "Zei \"nee\"");
        assert!(clause.contains("MATCH"));
        assert_eq!(value, "\"zei \"\"nee\"\"\"");
    }

    #[test]
    fn short_words_read_the_notes() {
        let (clause, value) = contains(Engine::Sqlite, " ab ");
        assert!(clause.contains("instr"));
        assert_eq!(value, "ab");
    }
}
