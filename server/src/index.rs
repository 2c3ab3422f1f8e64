//! Typed reads for coordinators: the columns a list filters and pages on (a visit's
//! family, volunteer, date, topics and signal; a family's status and volunteer), kept
//! beside each record and written in the same transaction as its body. A filtered page
//! reads these indexed columns and decodes only the records it shows, never the whole
//! organisation; pages follow a key (date, last edit, id), not an ever-growing OFFSET.

use crate::db::{Db, DbError};
use app::domain::{Family, FamilyId, Topic, Visit};
use app::store::Change;
use sqlx::Row;

/// Keeps the typed columns of `stored` in step with its body (inside the push's
/// transaction). A new record belongs to `owner`; an existing one keeps its owner.
pub async fn write(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    owner: &str,
    stored: &Change,
) -> Result<(), DbError> {
    match stored {
        Change::Visit(v) => {
            write_visit(tx, org, owner, v).await?;
            crate::triage::follow_visit(tx, org, owner, v).await
        }
        Change::Family(f) => write_family(tx, org, owner, f).await,
        Change::Feedback(f) => crate::feedback::write_index(tx, org, owner, f).await,
        // What the volunteer learns of a signal's handling is read from `signal_triage`.
        Change::SignalStatus(_) => Ok(()),
        // The agenda is read by group and day from its own records (`agenda`).
        Change::Group(_) | Change::Session(_) => Ok(()),
    }
}

async fn write_visit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    owner: &str,
    v: &Visit,
) -> Result<(), DbError> {
    let id = v.id.to_string();
    // A deleted visit's words are kept nowhere.
    let words = if v.deleted {
        String::new()
    } else {
        search_text(v)
    };
    sqlx::query(
        "INSERT INTO visit_index (org_id, id, family_id, owner_id, visit_date, updated_at_ms, signal, topics, deleted, search_text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (org_id, id) DO UPDATE SET \
         family_id = excluded.family_id, visit_date = excluded.visit_date, updated_at_ms = excluded.updated_at_ms, \
         signal = excluded.signal, topics = excluded.topics, deleted = excluded.deleted, search_text = excluded.search_text",
    )
    .bind(org)
    .bind(&id)
    .bind(v.family_id.to_string())
    .bind(owner)
    .bind(v.date.format("%Y-%m-%d").to_string())
    .bind(v.updated_at_ms)
    .bind(v.signal.as_ref().map(|s| s.urgency.code()))
    .bind(v.topics.iter().fold(0, |bits, t| bits | topic_bit(*t)))
    .bind(i64::from(v.deleted))
    .bind(&words)
    .execute(&mut **tx)
    .await?;
    crate::search::keep_words(tx, org, &id, &words).await?;
    if v.deleted {
        // A deleted visit waits for nobody; restored, it is new to review again.
        sqlx::query("DELETE FROM visit_reviews WHERE org_id = $1 AND visit_id = $2")
            .bind(org)
            .bind(&id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A visit's words as the text search looks for them: all its texts, in lower case.
pub fn search_text(v: &Visit) -> String {
    let texts: Vec<&str> = v.texts().map(String::as_str).collect();
    texts.join(" ").to_lowercase()
}

/// A topic's bit in `visit_index.topics` (its place in [`Topic::ALL`]; a new topic is
/// added at the end, so stored bits keep their meaning — a test pins them).
pub fn topic_bit(topic: Topic) -> i64 {
    let place = Topic::ALL.iter().position(|t| *t == topic).unwrap_or(0);
    1 << place
}

async fn write_family(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    owner: &str,
    f: &Family,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO family_index (org_id, id, owner_id, status, deleted, shares_notes) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (org_id, id) DO UPDATE SET status = excluded.status, deleted = excluded.deleted, \
         shares_notes = excluded.shares_notes",
    )
    .bind(org)
    .bind(f.id.to_string())
    .bind(owner)
    .bind(f.status.code())
    .bind(i64::from(f.deleted))
    .bind(i64::from(f.shares_notes))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What a coordinator narrows the visits list to (every part optional).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VisitFilter {
    /// One family's visits.
    pub family: Option<FamilyId>,
    /// One volunteer's visits (her user id).
    pub volunteer: Option<String>,
    /// Visits that touched this topic.
    pub topic: Option<Topic>,
    /// Only visits with a signal of concern.
    pub signal_only: bool,
    /// Visits on or after this day.
    pub from: Option<chrono::NaiveDate>,
    /// Visits on or before this day.
    pub to: Option<chrono::NaiveDate>,
    /// Only visits the coordinator asking has (`true`) or has not (`false`) reviewed.
    pub reviewed: Option<bool>,
    /// Only visits whose texts contain these words (case does not matter).
    pub words: Option<String>,
}

/// Where the next page starts: just after this visit in the newest-first order.
#[derive(Clone, Debug, PartialEq)]
pub struct PageKey {
    /// The visit's day.
    pub date: chrono::NaiveDate,
    /// Its last edit on the device.
    pub updated_at_ms: i64,
    /// Its id (the tie-breaker).
    pub id: String,
}

impl PageKey {
    /// The key as the `before` parameter of the next request.
    pub fn encode(&self) -> String {
        format!(
            "{}_{}_{}",
            self.date.format("%Y-%m-%d"),
            self.updated_at_ms,
            self.id
        )
    }

    /// Reads [`PageKey::encode`]; `None` for anything else.
    pub fn parse(raw: &str) -> Option<PageKey> {
        let mut parts = raw.splitn(3, '_');
        let date = chrono::NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
        let updated_at_ms = parts.next()?.parse().ok()?;
        let id = uuid::Uuid::parse_str(parts.next()?).ok()?.to_string();
        Some(PageKey {
            date,
            updated_at_ms,
            id,
        })
    }

    fn of(visit: &Visit) -> PageKey {
        PageKey {
            date: visit.date,
            updated_at_ms: visit.updated_at_ms,
            id: visit.id.to_string(),
        }
    }
}

/// One visit of a page: who wrote it, the visit, and its family (when stored).
#[derive(Clone, Debug, PartialEq)]
pub struct ListedVisit {
    /// The volunteer whose diary it is.
    pub owner: String,
    /// The visit.
    pub visit: Visit,
    /// The family visited.
    pub family: Option<Family>,
    /// Whether the coordinator asking has opened it.
    pub read: bool,
    /// Whether she has marked it reviewed.
    pub reviewed: bool,
}

/// A value bound to a numbered parameter of a query built here.
enum Bound {
    Text(String),
    Int(i64),
}

/// The organisation's live visits that pass `filter`, newest first (date, last edit,
/// id), after `before`, at most `limit`, with the state `viewer` (a coordinator) gave
/// each; and the key of the next page when there is one.
pub async fn visits_page(
    db: &Db,
    org: &str,
    viewer: &str,
    filter: &VisitFilter,
    before: Option<&PageKey>,
    limit: usize,
) -> Result<(Vec<ListedVisit>, Option<PageKey>), DbError> {
    // The page's visits are picked from the index alone (newest first, at most a page),
    // then each one's body, family and marks looked up by key: no plan can hash or sort
    // the organisation's bodies first (PostgreSQL did, for a first page).
    let mut sql = String::from(
        "SELECT i.org_id, i.id, i.family_id, i.owner_id, i.visit_date, i.updated_at_ms \
         FROM visit_index i WHERE i.org_id = $1 AND i.deleted = 0",
    );
    let mut binds = vec![Bound::Text(org.into()), Bound::Text(viewer.into())];
    let mut condition = |sql: &mut String, template: &str, values: Vec<Bound>| {
        let mut clause = template.to_string();
        for value in values {
            binds.push(value);
            clause = clause.replacen('?', &format!("${}", binds.len()), 1);
        }
        sql.push_str(" AND ");
        sql.push_str(&clause);
    };
    if let Some(family) = filter.family {
        condition(
            &mut sql,
            "i.family_id = ?",
            vec![Bound::Text(family.to_string())],
        );
    }
    if let Some(volunteer) = &filter.volunteer {
        condition(
            &mut sql,
            "i.owner_id = ?",
            vec![Bound::Text(volunteer.clone())],
        );
    }
    if filter.signal_only {
        condition(&mut sql, "i.signal IS NOT NULL", vec![]);
    }
    if let Some(topic) = filter.topic {
        condition(
            &mut sql,
            "(i.topics & ?) <> 0",
            vec![Bound::Int(topic_bit(topic))],
        );
    }
    let day = |d: chrono::NaiveDate| Bound::Text(d.format("%Y-%m-%d").to_string());
    if let Some(from) = filter.from {
        condition(&mut sql, "i.visit_date >= ?", vec![day(from)]);
    }
    if let Some(to) = filter.to {
        condition(&mut sql, "i.visit_date <= ?", vec![day(to)]);
    }
    let reviewed_by_viewer = "EXISTS (SELECT 1 FROM visit_reviews r WHERE r.org_id = i.org_id \
         AND r.coordinator_id = $2 AND r.visit_id = i.id AND r.reviewed_at_ms IS NOT NULL)";
    match filter.reviewed {
        Some(true) => condition(&mut sql, reviewed_by_viewer, vec![]),
        Some(false) => condition(&mut sql, &format!("NOT {reviewed_by_viewer}"), vec![]),
        None => {}
    }
    if let Some(words) = filter.words.as_deref().filter(|w| !w.trim().is_empty()) {
        // Only the notes of families that agreed to share them can be searched.
        let (contains, value) = crate::search::contains(db.engine, words);
        condition(
            &mut sql,
            &format!(
                "{contains} AND EXISTS (SELECT 1 FROM family_index f \
                 WHERE f.org_id = i.org_id AND f.id = i.family_id AND f.shares_notes = 1)"
            ),
            vec![Bound::Text(value)],
        );
    }
    if let Some(key) = before {
        condition(
            &mut sql,
            "(i.visit_date, i.updated_at_ms, i.id) < (?, ?, ?)",
            vec![
                day(key.date),
                Bound::Int(key.updated_at_ms),
                Bound::Text(key.id.clone()),
            ],
        );
    }
    const NEWEST_FIRST: &str = "ORDER BY i.visit_date DESC, i.updated_at_ms DESC, i.id DESC";
    let sql = format!(
        "SELECT i.owner_id, \
         (SELECT v.body FROM records v WHERE v.org_id = i.org_id AND v.entity = 'visit' AND v.id = i.id), \
         (SELECT f.body FROM records f WHERE f.org_id = i.org_id AND f.entity = 'family' AND f.id = i.family_id), \
         (SELECT r.read_at_ms FROM visit_reviews r WHERE r.org_id = i.org_id AND r.coordinator_id = $2 AND r.visit_id = i.id), \
         (SELECT r.reviewed_at_ms FROM visit_reviews r WHERE r.org_id = i.org_id AND r.coordinator_id = $2 AND r.visit_id = i.id) \
         FROM ({sql} {NEWEST_FIRST} LIMIT {}) i {NEWEST_FIRST}",
        limit + 1
    );
    let mut query = sqlx::query(&sql);
    for value in binds {
        query = match value {
            Bound::Text(text) => query.bind(text),
            Bound::Int(number) => query.bind(number),
        };
    }
    let rows = query.fetch_all(&db.pool).await?;
    let mut listed = rows
        .iter()
        .map(listed_visit)
        .collect::<Result<Vec<_>, DbError>>()?;
    let next = (listed.len() > limit).then(|| {
        listed.truncate(limit);
        listed.last().map(|l| PageKey::of(&l.visit))
    });
    Ok((listed, next.flatten()))
}

fn listed_visit(row: &sqlx::any::AnyRow) -> Result<ListedVisit, DbError> {
    let visit = match serde_json::from_str(&row.try_get::<String, _>(1)?)? {
        Change::Visit(v) => v,
        _ => return Err(DbError::WrongKind),
    };
    let family = match row.try_get::<Option<String>, _>(2)? {
        Some(body) => match serde_json::from_str(&body)? {
            Change::Family(f) => Some(f),
            _ => None,
        },
        None => None,
    };
    Ok(ListedVisit {
        owner: row.try_get(0)?,
        visit,
        family,
        read: row.try_get::<Option<i64>, _>(3)?.is_some(),
        reviewed: row.try_get::<Option<i64>, _>(4)?.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_bits_never_change_meaning() {
        let codes: Vec<&str> = Topic::ALL.iter().map(|t| t.code()).collect();
        let pinned = [
            "pregnancy",
            "feeding",
            "crying",
            "sleep",
            "rhythm",
            "development",
            "play_reading",
            "own_time",
            "wellbeing",
            "health",
            "network",
            "services",
        ];
        assert_eq!(&codes[..pinned.len()], pinned, "new topics go at the end");
        assert_eq!(topic_bit(Topic::Sleep), 8);
    }

    #[test]
    fn a_page_key_reads_back_and_nothing_else_does() {
        let key = PageKey {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            updated_at_ms: 1_700_000_000_123,
            id: uuid::Uuid::new_v4().to_string(),
        };
        assert_eq!(PageKey::parse(&key.encode()), Some(key));
        for bad in [
            "",
            "2026-11-20",
            "2026-13-01_1_x",
            "2026-11-20_abc_00000000-0000-0000-0000-000000000000",
            "2026-11-20_1_not-a-uuid",
        ] {
            assert_eq!(PageKey::parse(bad), None, "{bad}");
        }
    }
}
