//! A visit (bezoek): what happened, what the mother asked and chose to try, what was
//! agreed, and optionally a signal of concern for the coordinator.

use super::ids::{FamilyId, VisitId};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable code for forms, storage and the wire.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses [`Self::code`].
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        /// Its wire schema: a string, one of the codes.
        #[cfg(feature = "ssr")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        #[cfg(feature = "ssr")]
        impl utoipa::ToSchema for $name {}
    };
}
pub(crate) use coded_enum;

coded_enum!(
    /// Where and how the volunteer and the mother met.
    VisitKind {
        /// At the family's home.
        Home = "home",
        /// An outing to the library.
        Library = "library",
        /// An outing to a park or playground.
        Park = "park",
        /// Together to the child health clinic.
        Clinic = "clinic",
        /// Another outing together.
        Outing = "outing",
        /// A phone call.
        Phone = "phone",
        /// A video call.
        Video = "video",
    }
);

coded_enum!(
    /// What the conversation was about.
    Topic {
        /// Pregnancy and birth.
        Pregnancy = "pregnancy",
        /// Breast or bottle feeding, first foods.
        Feeding = "feeding",
        /// A crying baby.
        Crying = "crying",
        /// Sleep.
        Sleep = "sleep",
        /// Day and night rhythm.
        Rhythm = "rhythm",
        /// The child's development.
        Development = "development",
        /// Playing and reading together.
        PlayReading = "play_reading",
        /// Time for herself.
        OwnTime = "own_time",
        /// How she feels.
        Wellbeing = "wellbeing",
        /// Health and the child health clinic.
        Health = "health",
        /// Her network: who she can fall back on.
        Network = "network",
        /// Dutch services and how things work here.
        Services = "services",
    }
);

coded_enum!(
    /// The four forms of support a volunteer gives.
    SupportForm {
        /// Listening, encouragement.
        Emotional = "emotional",
        /// Information and explanation.
        Informational = "informational",
        /// Practical help.
        Practical = "practical",
        /// Connecting her with people and places.
        Social = "social",
    }
);

coded_enum!(
    /// How soon the coordinator should look at a signal.
    Urgency {
        /// When convenient.
        Low = "low",
        /// Within the week.
        Soon = "soon",
        /// Today.
        Urgent = "urgent",
    }
);

/// A concern the volunteer wants the coordinator to know about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Signal {
    /// How soon it needs attention.
    pub urgency: Urgency,
    /// What she noticed.
    pub text: String,
}

/// One visit or contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Visit {
    /// Client-generated id.
    pub id: VisitId,
    /// The family visited.
    pub family_id: FamilyId,
    /// Day of the visit.
    #[serde(with = "super::dates::iso_date")]
    pub date: NaiveDate,
    /// Where and how.
    pub kind: VisitKind,
    /// Length in minutes, if noted.
    pub duration_min: Option<u16>,
    /// Conversation topics.
    pub topics: Vec<Topic>,
    /// Forms of support given.
    pub support: Vec<SupportForm>,
    /// The mother's own question.
    pub own_question: String,
    /// What she chose to try.
    pub chosen_to_try: String,
    /// Agreements made.
    pub agreements: String,
    /// Next appointment agreed during this visit.
    #[serde(with = "super::dates::iso_datetime::option")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"))]
    pub next_appointment: Option<NaiveDateTime>,
    /// Free note.
    pub note: String,
    /// Optional signal for the coordinator.
    pub signal: Option<Signal>,
    /// Conversation prompts used (filled by the prompts feature).
    #[serde(default)]
    pub prompts_used: Vec<String>,
    /// Last change on this device, milliseconds since the epoch.
    pub updated_at_ms: i64,
    /// Server version this edit was based on (none until synced).
    #[serde(default)]
    pub base_version: Option<u64>,
    /// Texts changed on two sides, kept until she chooses (empty when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::TextConflict>,
    /// Tombstone: deleted visits stay until the deletion has synced.
    #[serde(default)]
    pub deleted: bool,
}

impl Visit {
    /// True when the visit mentions `needle` (case-insensitive) in any of its texts.
    pub fn mentions(&self, needle: &str) -> bool {
        let needle = lowercase(needle.trim());
        if needle.is_empty() {
            return true;
        }
        self.texts().any(|text| lowercase(text).contains(&needle))
    }

    /// The visit without what the volunteer wrote about the conversation (for a
    /// coordinator when the family did not agree to share notes); its signal of concern
    /// stays.
    pub fn without_notes(mut self) -> Visit {
        for text in [
            &mut self.own_question,
            &mut self.chosen_to_try,
            &mut self.agreements,
            &mut self.note,
        ] {
            text.clear();
        }
        self.conflicts.clear();
        self
    }

    /// Everything the volunteer wrote in the visit, in form order.
    pub fn texts(&self) -> impl Iterator<Item = &String> {
        [
            &self.own_question,
            &self.chosen_to_try,
            &self.agreements,
            &self.note,
        ]
        .into_iter()
        .chain(self.signal.as_ref().map(|s| &s.text))
    }
}

/// Unicode lower case. In the browser JavaScript does it, which spares the WebAssembly
/// Rust's case tables.
fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn visit_on(family_id: FamilyId, date: NaiveDate) -> Visit {
        Visit {
            id: VisitId::new(),
            family_id,
            date,
            kind: VisitKind::Home,
            duration_min: Some(60),
            topics: vec![Topic::Sleep],
            support: vec![SupportForm::Emotional],
            own_question: String::new(),
            chosen_to_try: String::new(),
            agreements: String::new(),
            next_appointment: None,
            note: "Talked about Evenings".into(),
            signal: None,
            prompts_used: vec![],
            updated_at_ms: 0,
            base_version: None,
            conflicts: vec![],
            deleted: false,
        }
    }

    #[test]
    fn codes_round_trip() {
        for t in Topic::ALL {
            assert_eq!(Topic::from_code(t.code()), Some(*t));
        }
        assert_eq!(VisitKind::from_code("spaceship"), None);
    }

    #[test]
    fn search_ignores_case_and_looks_in_every_text() {
        let mut v = visit_on(
            FamilyId::new(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        );
        assert!(v.mentions("evenings"));
        assert!(!v.mentions("bath"));
        v.signal = Some(Signal {
            urgency: Urgency::Soon,
            text: "Bath worries".into(),
        });
        assert!(v.mentions("BATH"));
    }
}
