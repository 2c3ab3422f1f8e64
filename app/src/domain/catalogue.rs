//! The conversation catalogue: open questions (*prompts*) and picture stories
//! (*beeldverhalen*), every text in several languages. An organisation's catalogue
//! carries a version number that grows with every change a coordinator makes, so a
//! device knows when its copy is out of date. Retired items stay in the catalogue (old
//! visits still name them) but are never suggested again.

use super::age::whole_months;
use super::family::ChildDate;
use super::visit::{coded_enum, SupportForm, Topic};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The language every catalogue text must have; other languages fall back to it.
pub const FALLBACK_LANGUAGE: &str = "nl";
/// Languages the starter catalogue is written in, in the order editors show them.
pub const CATALOGUE_LANGUAGES: [&str; 5] = ["nl", "en", "tr", "ar", "pl"];
/// Languages written right to left.
const RIGHT_TO_LEFT: [&str; 4] = ["ar", "fa", "he", "ur"];

/// Longest id of a prompt or story.
pub const ID_MAX: usize = 64;
/// Longest prompt or picture question.
pub const QUESTION_MAX: usize = 300;
/// Longest story title.
pub const TITLE_MAX: usize = 80;
/// Longest picture caption.
pub const CAPTION_MAX: usize = 200;
/// Fewest and most pictures in a story.
pub const PICTURES: std::ops::RangeInclusive<usize> = 3..=6;
/// Fewest and most questions under one picture.
pub const PICTURE_QUESTIONS: std::ops::RangeInclusive<usize> = 1..=2;
/// Most languages one text may carry.
const LANGUAGES_MAX: usize = 20;
/// Most prompts and stories in one catalogue (a bound for hostile uploads).
pub const ITEMS_MAX: usize = 2_000;

coded_enum!(
    /// The child-age phases prompts are written for.
    Phase {
        /// Expecting the baby.
        Pregnancy = "pregnancy",
        /// Born, up to six months.
        FirstHalfYear = "0_6m",
        /// Six to twelve months.
        SecondHalfYear = "6_12m",
        /// Twelve to eighteen months.
        ThirdHalfYear = "12_18m",
        /// Eighteen months and older.
        Toddler = "18m_plus",
    }
);

impl Phase {
    /// The phase of a child on `today`: pregnancy until the birth is recorded (a due
    /// date that has passed counts as a newborn), then by completed months.
    pub fn of(child: ChildDate, today: NaiveDate) -> Phase {
        match child {
            ChildDate::Expected(due) if due >= today => Phase::Pregnancy,
            ChildDate::Expected(_) => Phase::FirstHalfYear,
            ChildDate::Born(birth) => match whole_months(birth, today) {
                0..6 => Phase::FirstHalfYear,
                6..12 => Phase::SecondHalfYear,
                12..18 => Phase::ThirdHalfYear,
                _ => Phase::Toddler,
            },
        }
    }
}

/// A text in several languages, keyed by language code. Dutch is always there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Translated(pub BTreeMap<String, String>);

/// A text picked for one language, and whether it had to fall back to Dutch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localised<'a> {
    /// The text to show.
    pub text: &'a str,
    /// The language it is in.
    pub lang: &'a str,
    /// True when the wanted language was missing and Dutch is shown instead.
    pub fallback: bool,
}

impl Translated {
    /// The text in `lang`, or in Dutch (marked as a fallback) when `lang` has none.
    pub fn in_lang<'a>(&'a self, lang: &'a str) -> Localised<'a> {
        match self.0.get(lang).filter(|t| !t.trim().is_empty()) {
            Some(text) => Localised {
                text,
                lang,
                fallback: false,
            },
            None => Localised {
                text: self.0.get(FALLBACK_LANGUAGE).map_or("", String::as_str),
                lang: FALLBACK_LANGUAGE,
                fallback: lang != FALLBACK_LANGUAGE,
            },
        }
    }

    /// The text in one language, empty when missing (for editors).
    pub fn raw(&self, lang: &str) -> &str {
        self.0.get(lang).map_or("", String::as_str)
    }

    /// Which of `langs` have no text yet.
    pub fn missing<'a>(&self, langs: &[&'a str]) -> Vec<&'a str> {
        langs
            .iter()
            .copied()
            .filter(|l| self.0.get(*l).is_none_or(|t| t.trim().is_empty()))
            .collect()
    }
}

/// `ltr` or `rtl`, for the `dir` attribute of text in `lang`.
pub fn direction(lang: &str) -> &'static str {
    if RIGHT_TO_LEFT.contains(&lang) {
        "rtl"
    } else {
        "ltr"
    }
}

/// An open question for a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    /// Stable id (starter items have readable ids, new ones a UUID).
    pub id: String,
    /// What it is about.
    pub topic: Topic,
    /// Child-age phases it fits.
    pub phases: Vec<Phase>,
    /// Forms of support it leads to.
    pub support: Vec<SupportForm>,
    /// The question.
    pub text: Translated,
    /// Retired: no longer suggested, still readable on old visits.
    #[serde(default)]
    pub retired: bool,
}

/// One picture of a story, with what it shows and what to ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// Where the image is: `/stories/…svg` (starter artwork) or `/api/v1/pictures/<id>`.
    pub image: String,
    /// What the picture shows.
    pub caption: Translated,
    /// One or two open questions linking it to her own life.
    pub questions: Vec<Translated>,
}

/// A picture story: a theme told in a few pictures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// Stable id.
    pub id: String,
    /// What it is about.
    pub topic: Topic,
    /// Child-age phases it fits.
    pub phases: Vec<Phase>,
    /// The theme.
    pub title: Translated,
    /// Three to six pictures, in order.
    pub pictures: Vec<Picture>,
    /// Retired: no longer suggested, still readable on old visits.
    #[serde(default)]
    pub retired: bool,
}

/// An organisation's prompts and picture stories at one version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Grows with every change; 0 is the starter catalogue before any edit.
    #[serde(default)]
    pub version: i64,
    /// Open questions.
    pub prompts: Vec<Prompt>,
    /// Picture stories.
    pub stories: Vec<Story>,
}

/// How many suggestions to show when no topic is ticked yet.
pub const UNTARGETED_SUGGESTIONS: usize = 6;

impl Catalogue {
    /// Prompts to suggest on a visit: active ones for the child's phase; of the ticked
    /// topics when any are ticked, otherwise a few across topics. Favourites come first.
    pub fn suggested_prompts(
        &self,
        phase: Option<Phase>,
        topics: &[Topic],
        favourites: &BTreeSet<String>,
    ) -> Vec<&Prompt> {
        let fits = |p: &&Prompt| {
            !p.retired
                && phase.is_none_or(|ph| p.phases.contains(&ph))
                && (topics.is_empty() || topics.contains(&p.topic))
        };
        let mut chosen: Vec<&Prompt> = self.prompts.iter().filter(fits).collect();
        chosen.sort_by_key(|p| !favourites.contains(&p.id));
        if topics.is_empty() {
            let mut seen_topics = BTreeSet::new();
            chosen.retain(|p| favourites.contains(&p.id) || seen_topics.insert(p.topic));
            chosen.truncate(UNTARGETED_SUGGESTIONS.max(favourites.len()));
        }
        chosen
    }

    /// Picture stories to suggest: active ones for the phase, ticked topics first.
    pub fn suggested_stories(&self, phase: Option<Phase>, topics: &[Topic]) -> Vec<&Story> {
        let mut chosen: Vec<&Story> = self
            .stories
            .iter()
            .filter(|s| !s.retired && phase.is_none_or(|ph| s.phases.contains(&ph)))
            .collect();
        chosen.sort_by_key(|s| !topics.contains(&s.topic));
        chosen
    }

    /// Active prompts of one topic, for browsing.
    pub fn prompts_about(&self, topic: Topic) -> impl Iterator<Item = &Prompt> {
        self.prompts
            .iter()
            .filter(move |p| !p.retired && p.topic == topic)
    }

    /// A prompt by id, retired or not (old visits name retired ones).
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// A story by id, retired or not.
    pub fn story(&self, id: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.id == id)
    }

    /// The words to show for a used prompt or story id in `lang`, if the catalogue
    /// knows it.
    pub fn used_label<'a>(&'a self, id: &str, lang: &'a str) -> Option<Localised<'a>> {
        self.prompt(id)
            .map(|p| p.text.in_lang(lang))
            .or_else(|| self.story(id).map(|s| s.title.in_lang(lang)))
    }

    /// Every picture the device needs to keep for offline use.
    pub fn images(&self) -> BTreeSet<&str> {
        self.stories
            .iter()
            .flat_map(|s| &s.pictures)
            .map(|p| p.image.as_str())
            .collect()
    }
}

/// Path prefix of pictures uploaded by an organisation.
pub const UPLOADED_PICTURES: &str = "/api/v1/pictures/";
/// Path prefix of the starter artwork.
pub const STARTER_PICTURES: &str = "/stories/";

/// What is wrong with a catalogue item: a field path and a stable problem code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemProblem {
    /// Which field, e.g. `pictures.2.caption.nl`.
    pub field: String,
    /// `required`, `too_long`, `invalid`, `too_many` or `too_few`.
    pub code: &'static str,
}

#[derive(Default)]
struct ItemCheck(Vec<ItemProblem>);

impl ItemCheck {
    fn fail(&mut self, field: impl Into<String>, code: &'static str) {
        self.0.push(ItemProblem {
            field: field.into(),
            code,
        });
    }

    fn id(&mut self, id: &str) {
        let valid = !id.is_empty()
            && id.len() <= ID_MAX
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.fail("id", "invalid");
        }
    }

    fn phases(&mut self, phases: &[Phase]) {
        if phases.is_empty() {
            self.fail("phases", "required");
        }
    }

    fn text(&mut self, field: &str, text: &Translated, max: usize) {
        if text.raw(FALLBACK_LANGUAGE).trim().is_empty() {
            self.fail(format!("{field}.{FALLBACK_LANGUAGE}"), "required");
        }
        if text.0.len() > LANGUAGES_MAX {
            self.fail(field, "too_many");
        }
        for (lang, value) in &text.0 {
            let code_ok = (2..=8).contains(&lang.len())
                && lang.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if !code_ok {
                self.fail(field, "invalid");
            } else if value.chars().count() > max {
                self.fail(format!("{field}.{lang}"), "too_long");
            }
        }
    }

    fn image(&mut self, field: &str, image: &str) {
        let name_ok = |name: &str, ext: &str| {
            name.strip_suffix(ext).is_some_and(|stem| {
                !stem.is_empty()
                    && stem
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
        };
        let valid = match (
            image.strip_prefix(STARTER_PICTURES),
            image.strip_prefix(UPLOADED_PICTURES),
        ) {
            (Some(name), _) => name_ok(name, ".svg"),
            (_, Some(id)) => uuid::Uuid::parse_str(id).is_ok(),
            _ => false,
        };
        if !valid {
            self.fail(field, "invalid");
        }
    }
}

/// Checks a prompt the way both the editor and the server do.
pub fn check_prompt(prompt: &Prompt) -> Vec<ItemProblem> {
    let mut check = ItemCheck::default();
    check.id(&prompt.id);
    check.phases(&prompt.phases);
    if prompt.support.is_empty() {
        check.fail("support", "required");
    }
    check.text("text", &prompt.text, QUESTION_MAX);
    check.0
}

/// Checks a picture story the way both the editor and the server do.
pub fn check_story(story: &Story) -> Vec<ItemProblem> {
    let mut check = ItemCheck::default();
    check.id(&story.id);
    check.phases(&story.phases);
    check.text("title", &story.title, TITLE_MAX);
    if story.pictures.len() < *PICTURES.start() {
        check.fail("pictures", "too_few");
    }
    if story.pictures.len() > *PICTURES.end() {
        check.fail("pictures", "too_many");
    }
    for (i, picture) in story.pictures.iter().take(*PICTURES.end()).enumerate() {
        check.image(&format!("pictures.{i}.image"), &picture.image);
        check.text(
            &format!("pictures.{i}.caption"),
            &picture.caption,
            CAPTION_MAX,
        );
        if !PICTURE_QUESTIONS.contains(&picture.questions.len()) {
            check.fail(format!("pictures.{i}.questions"), "invalid");
        }
        for (q, question) in picture.questions.iter().take(2).enumerate() {
            check.text(
                &format!("pictures.{i}.questions.{q}"),
                question,
                QUESTION_MAX,
            );
        }
    }
    check.0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn text(nl: &str) -> Translated {
        Translated(BTreeMap::from([("nl".to_string(), nl.to_string())]))
    }

    pub(crate) fn prompt(id: &str, topic: Topic, phases: &[Phase]) -> Prompt {
        Prompt {
            id: id.into(),
            topic,
            phases: phases.to_vec(),
            support: vec![SupportForm::Emotional],
            text: text(&format!("Vraag {id}?")),
            retired: false,
        }
    }

    pub(crate) fn story(id: &str, topic: Topic, phases: &[Phase]) -> Story {
        let picture = |n: usize| Picture {
            image: format!("/stories/{id}-{n}.svg"),
            caption: text("Een moeder met een baby."),
            questions: vec![text("Wat zie je?")],
        };
        Story {
            id: id.into(),
            topic,
            phases: phases.to_vec(),
            title: text("Verhaal"),
            pictures: (1..=3).map(picture).collect(),
            retired: false,
        }
    }

    #[test]
    fn child_age_gives_the_phase() {
        let today = d(2026, 11, 24);
        let born = |y, m, day| Phase::of(ChildDate::Born(d(y, m, day)), today);
        assert_eq!(
            Phase::of(ChildDate::Expected(d(2027, 2, 1)), today),
            Phase::Pregnancy
        );
        assert_eq!(
            Phase::of(ChildDate::Expected(d(2026, 11, 20)), today),
            Phase::FirstHalfYear,
            "a passed due date means a newborn"
        );
        assert_eq!(born(2026, 11, 1), Phase::FirstHalfYear);
        assert_eq!(born(2026, 5, 25), Phase::FirstHalfYear, "5 months 30 days");
        assert_eq!(born(2026, 5, 24), Phase::SecondHalfYear, "exactly 6 months");
        assert_eq!(
            born(2025, 11, 24),
            Phase::ThirdHalfYear,
            "exactly 12 months"
        );
        assert_eq!(born(2025, 5, 25), Phase::ThirdHalfYear);
        assert_eq!(born(2025, 5, 24), Phase::Toddler, "exactly 18 months");
        assert_eq!(born(2022, 1, 1), Phase::Toddler);
    }

    fn catalogue() -> Catalogue {
        let mut retired = prompt("sleep-09", Topic::Sleep, &[Phase::FirstHalfYear]);
        retired.retired = true;
        Catalogue {
            version: 3,
            prompts: vec![
                prompt("sleep-01", Topic::Sleep, &[Phase::FirstHalfYear]),
                prompt("sleep-02", Topic::Sleep, &[Phase::Toddler]),
                prompt("crying-01", Topic::Crying, &[Phase::FirstHalfYear]),
                prompt("crying-02", Topic::Crying, &[Phase::FirstHalfYear]),
                prompt("network-01", Topic::Network, Phase::ALL),
                retired,
            ],
            stories: vec![
                story("bedtime", Topic::Sleep, &[Phase::Toddler]),
                story("crying", Topic::Crying, &[Phase::FirstHalfYear]),
                story("network", Topic::Network, Phase::ALL),
            ],
        }
    }

    fn ids<'a>(items: impl IntoIterator<Item = &'a Prompt>) -> Vec<&'a str> {
        items.into_iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn ticked_topics_and_the_phase_choose_the_prompts() {
        let c = catalogue();
        let none = BTreeSet::new();
        let got = c.suggested_prompts(Some(Phase::FirstHalfYear), &[Topic::Sleep], &none);
        assert_eq!(
            ids(got),
            ["sleep-01"],
            "not the toddler one, not the retired one"
        );
        let got = c.suggested_prompts(
            Some(Phase::FirstHalfYear),
            &[Topic::Crying, Topic::Network],
            &none,
        );
        assert_eq!(ids(got), ["crying-01", "crying-02", "network-01"]);
    }

    #[test]
    fn with_no_topic_ticked_one_prompt_per_topic_is_suggested() {
        let c = catalogue();
        let got = c.suggested_prompts(Some(Phase::FirstHalfYear), &[], &BTreeSet::new());
        assert_eq!(ids(got), ["sleep-01", "crying-01", "network-01"]);
    }

    #[test]
    fn favourites_come_first() {
        let c = catalogue();
        let favourites = BTreeSet::from(["crying-02".to_string()]);
        let got = c.suggested_prompts(Some(Phase::FirstHalfYear), &[], &favourites);
        assert_eq!(
            ids(got),
            ["crying-02", "sleep-01", "crying-01", "network-01"]
        );
    }

    #[test]
    fn stories_fit_the_phase_and_ticked_topics_lead() {
        let c = catalogue();
        let got: Vec<_> = c
            .suggested_stories(Some(Phase::FirstHalfYear), &[Topic::Network])
            .into_iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(got, ["network", "crying"]);
    }

    #[test]
    fn a_retired_prompt_is_still_named_on_old_visits() {
        let c = catalogue();
        assert_eq!(
            c.used_label("sleep-09", "ar").unwrap().text,
            "Vraag sleep-09?"
        );
        assert_eq!(c.used_label("crying", "nl").unwrap().text, "Verhaal");
        assert!(c.used_label("gone", "nl").is_none());
    }

    #[test]
    fn a_missing_language_falls_back_to_dutch_and_says_so() {
        let mut t = text("Wie helpt je?");
        t.0.insert("ar".into(), "من يساعدك؟".into());
        t.0.insert("pl".into(), "  ".into());
        assert_eq!(
            t.in_lang("ar"),
            Localised {
                text: "من يساعدك؟",
                lang: "ar",
                fallback: false
            }
        );
        let pl = t.in_lang("pl");
        assert_eq!(
            (pl.text, pl.lang, pl.fallback),
            ("Wie helpt je?", "nl", true)
        );
        assert!(!t.in_lang("nl").fallback);
        assert_eq!(t.missing(&CATALOGUE_LANGUAGES), ["en", "tr", "pl"]);
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("tr"), "ltr");
    }

    #[test]
    fn item_checks_name_the_fields() {
        assert!(check_story(&story("crying", Topic::Crying, Phase::ALL)).is_empty());
        let mut bad = story("Bad Id", Topic::Crying, &[]);
        bad.pictures.truncate(2);
        bad.pictures[0].image = "https://elsewhere.example/x.png".into();
        bad.pictures[1].image = "/stories/fine-2.svg".into();
        bad.pictures[1].caption = Translated::default();
        bad.pictures[1].questions.clear();
        let fields: Vec<_> = check_story(&bad)
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect();
        assert_eq!(
            fields,
            [
                "id:invalid",
                "phases:required",
                "pictures:too_few",
                "pictures.0.image:invalid",
                "pictures.1.caption.nl:required",
                "pictures.1.questions:invalid",
            ]
        );
        let mut long = prompt("sleep-01", Topic::Sleep, &[Phase::Toddler]);
        long.text
            .0
            .insert("en".into(), "x".repeat(QUESTION_MAX + 1));
        long.support.clear();
        let fields: Vec<_> = check_prompt(&long).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["support", "text.en"]);
    }

    #[test]
    fn uploaded_and_starter_images_are_the_only_sources() {
        let mut s = story("x", Topic::Sleep, &[Phase::Toddler]);
        s.pictures[0].image = format!("{UPLOADED_PICTURES}{}", uuid::Uuid::new_v4());
        s.pictures[1].image = "/stories/../secret.svg".into();
        s.pictures[2].image = "/stories/ok-2.svg".into();
        let fields: Vec<_> = check_story(&s).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["pictures.1.image"]);
    }
}
