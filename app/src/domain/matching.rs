//! Suggesting volunteers for a family in intake. The coordinator decides; this only
//! ranks who is free and fits best (a shared language first, then the mother's wish about
//! the volunteer's culture, then distance), and says why, so the choice stays hers.

use super::caseload::free_capacity;
use super::family::LANGUAGES;
use super::rules::once;
use super::validation::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Most languages on a volunteer's profile.
pub const PROFILE_LANGUAGES_MAX: usize = 8;
/// Most families one volunteer can take at a time.
pub const CAPACITY_MAX: u32 = 10;

/// Speaking the mother's first language: what matters most for trust.
const FIRST_LANGUAGE: i32 = 40;
/// Speaking another of her languages: they can talk, less at ease.
const OTHER_LANGUAGE: i32 = 20;
/// No language in common: only as a last resort.
const NO_SHARED_LANGUAGE: i32 = -100;
/// The mother's wish about the volunteer's culture is met.
const PREFERENCE_MET: i32 = 30;
/// Her wish is not met (a match can still work).
const PREFERENCE_MISSED: i32 = -10;
/// Same four-digit postcode area: a walk or a short ride.
const SAME_AREA: i32 = 15;
/// Same first two postcode digits: the same part of town.
const NEARBY_AREA: i32 = 7;
/// Points per free place, counted up to [`FREE_COUNTED`] places.
const PER_FREE_PLACE: i32 = 3;
/// Free places beyond this add nothing to the score (only to the tie-break).
const FREE_COUNTED: u32 = 3;

/// The mother's wish about the volunteer: one of her own culture, a Dutch one, or either.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CulturePreference {
    /// A volunteer whose mother tongue is hers.
    OwnCulture,
    /// A Dutch volunteer (to practise Dutch, to find her way here).
    Dutch,
    /// No preference.
    NoPreference,
}

impl CulturePreference {
    /// Every preference, in display order.
    pub const ALL: [CulturePreference; 3] = [
        CulturePreference::OwnCulture,
        CulturePreference::Dutch,
        CulturePreference::NoPreference,
    ];

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            CulturePreference::OwnCulture => "own_culture",
            CulturePreference::Dutch => "dutch",
            CulturePreference::NoPreference => "no_preference",
        }
    }

    /// Parses [`CulturePreference::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Who referred the family: a kind of referrer, never a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Referrer {
    /// Youth health care (consultatiebureau / JGZ).
    YouthHealthCare,
    /// A midwife (verloskundige).
    Midwife,
    /// The mother came herself.
    SelfReferred,
    /// Anyone else (a social worker, a school, a neighbour).
    Other,
}

impl Referrer {
    /// Every referrer, in display order.
    pub const ALL: [Referrer; 4] = [
        Referrer::YouthHealthCare,
        Referrer::Midwife,
        Referrer::SelfReferred,
        Referrer::Other,
    ];

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            Referrer::YouthHealthCare => "youth_health_care",
            Referrer::Midwife => "midwife",
            Referrer::SelfReferred => "self_referred",
            Referrer::Other => "other",
        }
    }

    /// Parses [`Referrer::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What the coordinator knows of a volunteer for matching; nothing more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VolunteerProfile {
    /// The volunteer's user id.
    pub user_id: String,
    /// Language codes from [`LANGUAGES`], her mother tongue first.
    pub languages: Vec<String>,
    /// Dutch postcode area: four digits, e.g. "1053"; empty when unknown.
    pub area: String,
    /// How many families she can take (0..=[`CAPACITY_MAX`]).
    pub capacity: u32,
    /// Taking no new families for a while.
    pub paused: bool,
    /// When she started as a volunteer.
    #[serde(with = "super::dates::iso_date::option")]
    pub started_on: Option<NaiveDate>,
    /// Server version of this profile, for optimistic concurrency.
    #[serde(default)]
    pub version: u64,
}

/// A field of the volunteer profile that can carry an error, like [`super::Field`] for
/// families and visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProfileField {
    /// The languages she speaks.
    Languages,
    /// Her postcode area.
    Area,
    /// How many families she can take.
    Capacity,
}

impl ProfileField {
    /// The field's name in the profile's JSON, as the server reports it.
    pub fn wire(self) -> &'static str {
        match self {
            ProfileField::Languages => "languages",
            ProfileField::Area => "area",
            ProfileField::Capacity => "capacity",
        }
    }
}

impl VolunteerProfile {
    /// Everything wrong with the profile, field by field in form order, so the form and
    /// the server reject the same profiles.
    pub fn check_profile(&self) -> Result<(), Vec<(ProfileField, FieldError)>> {
        let errors: Vec<_> = [
            (ProfileField::Languages, profile_languages(&self.languages)),
            (ProfileField::Area, check_area(&self.area)),
            (ProfileField::Capacity, capacity(self.capacity)),
        ]
        .into_iter()
        .filter_map(|(field, verdict)| verdict.err().map(|e| (field, e)))
        .collect();
        match errors.is_empty() {
            true => Ok(()),
            false => Err(errors),
        }
    }
}

/// At least one language, at most [`PROFILE_LANGUAGES_MAX`], each known, none twice.
fn profile_languages(languages: &[String]) -> Result<(), FieldError> {
    if languages.is_empty() {
        return Err(FieldError::Required);
    }
    if languages.len() > PROFILE_LANGUAGES_MAX {
        return Err(FieldError::TooMany {
            max: PROFILE_LANGUAGES_MAX,
        });
    }
    if languages.iter().any(|l| !LANGUAGES.contains(&l.as_str())) {
        return Err(FieldError::UnknownChoice);
    }
    once(languages)
}

/// Empty, or a postcode area: four digits, not starting with 0 (the family's at intake
/// too).
pub fn check_area(value: &str) -> Result<(), FieldError> {
    match value.is_empty() || is_area(value) {
        true => Ok(()),
        false => Err(FieldError::InvalidNumber),
    }
}

/// At most [`CAPACITY_MAX`] families.
fn capacity(value: u32) -> Result<(), FieldError> {
    match value > CAPACITY_MAX {
        true => Err(FieldError::TooMany {
            max: CAPACITY_MAX as usize,
        }),
        false => Ok(()),
    }
}

/// True for a Dutch postcode area: four ASCII digits, the first not 0.
fn is_area(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 4 && bytes.iter().all(u8::is_ascii_digit) && bytes[0] != b'0'
}

/// What a family in intake asks of a volunteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchNeeds {
    /// The mother's language codes, hers first.
    pub languages: Vec<String>,
    /// Her wish about the volunteer's culture.
    pub preference: CulturePreference,
    /// The family's four-digit postcode area, or empty.
    pub area: String,
}

/// A volunteer who might be matched, with the families she has now (active, paused or
/// matched in intake).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate<'a> {
    /// Her profile.
    pub profile: &'a VolunteerProfile,
    /// Families she has now.
    pub families: u32,
}

/// Why a volunteer is suggested (or ranked low), for the coordinator to read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// She speaks this language of the mother (the mother's first one she speaks).
    SpeaksHerLanguage {
        /// The language code.
        code: String,
    },
    /// Her mother tongue is the mother's, as the mother wished.
    OwnCulture,
    /// She is Dutch, as the mother wished.
    DutchVolunteer,
    /// She speaks none of the mother's languages.
    NoSharedLanguage,
    /// She lives in the family's postcode area.
    SameArea,
    /// She lives in the same part of town (same first two postcode digits).
    NearbyArea,
    /// She has room for this many more families.
    FreeCapacity {
        /// Free places.
        free: u32,
    },
}

/// One suggested volunteer, with her score and the reasons behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Suggestion {
    /// The volunteer's user id.
    pub user_id: String,
    /// Higher fits better.
    pub score: i32,
    /// Why, in a fixed order: language, culture, area, capacity.
    pub reasons: Vec<Reason>,
}

/// The volunteers who could take the family, best first. Paused volunteers and those
/// without a free place are left out. Equal scores go to the one with more free places,
/// then by user id, so the list is always the same for the same input.
pub fn suggest(needs: &MatchNeeds, candidates: &[Candidate]) -> Vec<Suggestion> {
    let mut ranked: Vec<(u32, Suggestion)> = candidates
        .iter()
        .filter_map(|c| {
            let free = free_capacity(c.profile.capacity, c.profile.paused, c.families);
            (free > 0).then(|| (free, score(needs, c.profile, free)))
        })
        .collect();
    ranked.sort_by(|(free_a, a), (free_b, b)| {
        b.score
            .cmp(&a.score)
            .then(free_b.cmp(free_a))
            .then_with(|| a.user_id.cmp(&b.user_id))
    });
    ranked.into_iter().map(|(_, s)| s).collect()
}

/// Scores one available volunteer with `free` places.
fn score(needs: &MatchNeeds, profile: &VolunteerProfile, free: u32) -> Suggestion {
    let parts = [
        language(needs, profile),
        culture(needs, profile),
        nearness(&needs.area, &profile.area),
        room(free),
    ];
    let (mut score, mut reasons) = (0, Vec::new());
    for (points, reason) in parts {
        score += points;
        reasons.extend(reason);
    }
    Suggestion {
        user_id: profile.user_id.clone(),
        score,
        reasons,
    }
}

/// Points and reason for the languages they share: the mother's first one she speaks.
fn language(needs: &MatchNeeds, profile: &VolunteerProfile) -> (i32, Option<Reason>) {
    let shared = needs
        .languages
        .iter()
        .position(|l| profile.languages.contains(l));
    match shared {
        Some(i) => (
            if i == 0 {
                FIRST_LANGUAGE
            } else {
                OTHER_LANGUAGE
            },
            Some(Reason::SpeaksHerLanguage {
                code: needs.languages[i].clone(),
            }),
        ),
        None => (NO_SHARED_LANGUAGE, Some(Reason::NoSharedLanguage)),
    }
}

/// Points and reason for the mother's wish about culture (nothing without a wish).
fn culture(needs: &MatchNeeds, profile: &VolunteerProfile) -> (i32, Option<Reason>) {
    let hers = needs.languages.first();
    let volunteers = profile.languages.first();
    let met = match needs.preference {
        CulturePreference::NoPreference => return (0, None),
        CulturePreference::OwnCulture => hers
            .is_some_and(|h| h != "nl" && Some(h) == volunteers)
            .then_some(Reason::OwnCulture),
        CulturePreference::Dutch => volunteers
            .is_some_and(|v| v == "nl")
            .then_some(Reason::DutchVolunteer),
    };
    match met {
        Some(reason) => (PREFERENCE_MET, Some(reason)),
        None => (PREFERENCE_MISSED, None),
    }
}

/// Points and reason for living close by (nothing when either area is unknown).
fn nearness(family: &str, volunteer: &str) -> (i32, Option<Reason>) {
    if !is_area(family) || !is_area(volunteer) {
        (0, None)
    } else if family == volunteer {
        (SAME_AREA, Some(Reason::SameArea))
    } else if family[..2] == volunteer[..2] {
        (NEARBY_AREA, Some(Reason::NearbyArea))
    } else {
        (0, None)
    }
}

/// Points for free places (a few count), and the reason that always says how many.
fn room(free: u32) -> (i32, Option<Reason>) {
    let counted = free.min(FREE_COUNTED) as i32;
    (
        counted * PER_FREE_PLACE,
        Some(Reason::FreeCapacity { free }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: &str, languages: &[&str], area: &str, capacity: u32) -> VolunteerProfile {
        VolunteerProfile {
            user_id: id.into(),
            languages: languages.iter().map(|l| l.to_string()).collect(),
            area: area.into(),
            capacity,
            paused: false,
            started_on: None,
            version: 0,
        }
    }

    fn needs(languages: &[&str], preference: CulturePreference, area: &str) -> MatchNeeds {
        MatchNeeds {
            languages: languages.iter().map(|l| l.to_string()).collect(),
            preference,
            area: area.into(),
        }
    }

    fn free(profiles: &[VolunteerProfile]) -> Vec<Candidate<'_>> {
        profiles
            .iter()
            .map(|profile| Candidate {
                profile,
                families: 0,
            })
            .collect()
    }

    fn ids(suggestions: &[Suggestion]) -> Vec<&str> {
        suggestions.iter().map(|s| s.user_id.as_str()).collect()
    }

    #[test]
    fn codes_round_trip() {
        for p in CulturePreference::ALL {
            assert_eq!(CulturePreference::from_code(p.code()), Some(p));
        }
        for r in Referrer::ALL {
            assert_eq!(Referrer::from_code(r.code()), Some(r));
        }
        assert_eq!(Referrer::from_code("huisarts"), None);
    }

    #[test]
    fn a_shared_first_language_beats_an_area_match() {
        let vs = [
            profile("near", &["nl"], "1053", 2),
            profile("arabic", &["ar"], "3011", 2),
        ];
        let found = suggest(
            &needs(&["ar", "nl"], CulturePreference::NoPreference, "1053"),
            &free(&vs),
        );
        assert_eq!(ids(&found), ["arabic", "near"]);
        assert_eq!(
            found[0].reasons[0],
            Reason::SpeaksHerLanguage { code: "ar".into() }
        );
        assert_eq!(
            found[1].reasons,
            [
                Reason::SpeaksHerLanguage { code: "nl".into() },
                Reason::SameArea,
                Reason::FreeCapacity { free: 2 },
            ]
        );
    }

    #[test]
    fn own_culture_puts_her_mother_tongue_first() {
        let vs = [
            profile("learned", &["nl", "tr"], "1053", 3),
            profile("turkish", &["tr", "nl"], "1053", 3),
        ];
        let found = suggest(
            &needs(&["tr", "nl"], CulturePreference::OwnCulture, "1053"),
            &free(&vs),
        );
        assert_eq!(ids(&found), ["turkish", "learned"]);
        assert_eq!(found[0].reasons[1], Reason::OwnCulture);
        assert!(!found[1].reasons.contains(&Reason::OwnCulture));
    }

    #[test]
    fn the_dutch_preference_picks_the_dutch_volunteer() {
        let vs = [
            profile("polish", &["pl", "nl"], "1053", 3),
            profile("dutch", &["nl", "en"], "1053", 3),
        ];
        let found = suggest(
            &needs(&["pl", "nl"], CulturePreference::Dutch, "1053"),
            &free(&vs),
        );
        assert_eq!(ids(&found), ["dutch", "polish"]);
        assert_eq!(found[0].reasons[1], Reason::DutchVolunteer);
    }

    #[test]
    fn paused_and_full_volunteers_are_left_out() {
        let mut paused = profile("paused", &["ar"], "1053", 3);
        paused.paused = true;
        let full = profile("full", &["ar"], "1053", 2);
        let none = profile("none", &["ar"], "1053", 0);
        let open = profile("open", &["ar"], "1053", 2);
        let candidates = [
            Candidate {
                profile: &paused,
                families: 0,
            },
            Candidate {
                profile: &full,
                families: 2,
            },
            Candidate {
                profile: &none,
                families: 0,
            },
            Candidate {
                profile: &open,
                families: 1,
            },
        ];
        let found = suggest(
            &needs(&["ar"], CulturePreference::NoPreference, ""),
            &candidates,
        );
        assert_eq!(ids(&found), ["open"]);
        assert_eq!(found[0].reasons[1], Reason::FreeCapacity { free: 1 });
    }

    #[test]
    fn the_same_area_beats_a_nearby_one_beats_far_away() {
        let vs = [
            profile("far", &["ar"], "3011", 2),
            profile("nearby", &["ar"], "1011", 2),
            profile("same", &["ar"], "1053", 2),
            profile("unknown", &["ar"], "", 2),
        ];
        let found = suggest(
            &needs(&["ar"], CulturePreference::NoPreference, "1053"),
            &free(&vs),
        );
        assert_eq!(ids(&found), ["same", "nearby", "far", "unknown"]);
        assert_eq!(found[0].reasons[1], Reason::SameArea);
        assert_eq!(found[1].reasons[1], Reason::NearbyArea);
        assert_eq!(found[0].score - found[2].score, SAME_AREA);
        assert_eq!(found[1].score - found[2].score, NEARBY_AREA);
    }

    #[test]
    fn no_shared_language_ranks_last_with_its_reason() {
        let vs = [
            profile("stranger", &["pl"], "1053", 5),
            profile("second", &["en"], "3011", 1),
        ];
        let found = suggest(
            &needs(&["so", "en"], CulturePreference::OwnCulture, "1053"),
            &free(&vs),
        );
        assert_eq!(ids(&found), ["second", "stranger"]);
        assert_eq!(found[1].reasons[0], Reason::NoSharedLanguage);
        assert!(found[1].score < 0);
    }

    #[test]
    fn ties_go_to_more_free_places_then_to_the_id() {
        let vs = [
            profile("b", &["ar"], "", 4),
            profile("c", &["ar"], "", 5),
            profile("a", &["ar"], "", 4),
        ];
        let found = suggest(
            &needs(&["ar"], CulturePreference::NoPreference, ""),
            &free(&vs),
        );
        assert!(found.iter().all(|s| s.score == found[0].score));
        assert_eq!(ids(&found), ["c", "a", "b"]);
    }

    #[test]
    fn reasons_serialise_tagged() {
        let json = serde_json::to_string(&Reason::SpeaksHerLanguage { code: "ar".into() });
        assert_eq!(
            json.unwrap(),
            r#"{"reason":"speaks_her_language","code":"ar"}"#
        );
        let back: Reason = serde_json::from_str(r#"{"reason":"same_area"}"#).unwrap();
        assert_eq!(back, Reason::SameArea);
    }

    #[test]
    fn check_profile_accepts_a_sound_profile() {
        assert_eq!(
            profile("v", &["nl", "ar"], "1053", 10).check_profile(),
            Ok(())
        );
        assert_eq!(profile("v", &["nl"], "", 0).check_profile(), Ok(()));
    }

    #[test]
    fn check_profile_rejects_what_the_form_must_not_store() {
        let error = |p: VolunteerProfile| p.check_profile().unwrap_err();
        for bad in ["0123", "105", "10533", "10a3", "１０５３"] {
            assert_eq!(
                error(profile("v", &["nl"], bad, 1)),
                [(ProfileField::Area, FieldError::InvalidNumber)],
                "{bad}"
            );
        }
        assert_eq!(
            error(profile("v", &["nl", "xx"], "1053", 1)),
            [(ProfileField::Languages, FieldError::UnknownChoice)]
        );
        assert_eq!(
            error(profile("v", &["nl", "ar", "nl"], "1053", 1)),
            [(ProfileField::Languages, FieldError::Repeated)]
        );
        assert_eq!(
            error(profile("v", &[], "1053", 1)),
            [(ProfileField::Languages, FieldError::Required)]
        );
        assert_eq!(
            error(profile("v", &LANGUAGES[..9], "1053", 1)),
            [(ProfileField::Languages, FieldError::TooMany { max: 8 })]
        );
        assert_eq!(
            error(profile("v", &["nl"], "x", 11)),
            [
                (ProfileField::Area, FieldError::InvalidNumber),
                (ProfileField::Capacity, FieldError::TooMany { max: 10 }),
            ]
        );
    }

    /// A small deterministic generator, so the property test needs no extra crate.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u32) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % u64::from(n)) as u32
        }

        fn languages(&mut self) -> Vec<String> {
            let pool = &LANGUAGES[..5];
            let mut out: Vec<String> = Vec::new();
            for _ in 0..=self.below(3) {
                let l = pool[self.below(pool.len() as u32) as usize].to_string();
                if !out.contains(&l) {
                    out.push(l);
                }
            }
            out
        }

        fn area(&mut self) -> String {
            ["", "1053", "1011", "1054", "3011", "9999"][self.below(6) as usize].into()
        }
    }

    #[test]
    fn suggestions_are_sorted_and_only_name_available_volunteers() {
        let mut rng = Lcg(42);
        for case in 0..2_000 {
            let wanted = MatchNeeds {
                languages: rng.languages(),
                preference: CulturePreference::ALL[rng.below(3) as usize],
                area: rng.area(),
            };
            let mut profiles = Vec::new();
            for i in 0..rng.below(9) {
                let mut p = profile(&format!("v{i}"), &[], "", rng.below(5));
                p.languages = rng.languages();
                p.area = rng.area();
                p.paused = rng.below(4) == 0;
                profiles.push(p);
            }
            let candidates: Vec<Candidate> = profiles
                .iter()
                .map(|profile| Candidate {
                    profile,
                    families: rng.below(6),
                })
                .collect();
            let found = suggest(&wanted, &candidates);
            let available: Vec<&Candidate> = candidates
                .iter()
                .filter(|c| !c.profile.paused && c.families < c.profile.capacity)
                .collect();
            assert_eq!(found.len(), available.len(), "case {case}");
            let free_of = |s: &Suggestion| match s.reasons.last() {
                Some(Reason::FreeCapacity { free }) => *free,
                _ => 0,
            };
            assert!(found.windows(2).all(|w| {
                let key = |s: &Suggestion| (-s.score, u32::MAX - free_of(s), s.user_id.clone());
                key(&w[0]) < key(&w[1])
            }));
            for s in &found {
                assert!(available.iter().any(|c| c.profile.user_id == s.user_id));
                assert!(matches!(
                    s.reasons.last(),
                    Some(Reason::FreeCapacity { free }) if *free > 0
                ));
            }
        }
    }
}
