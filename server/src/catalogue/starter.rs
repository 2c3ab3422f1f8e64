//! The starter catalogue written for Naast: 72 open questions over 12 topics and 8
//! picture stories in Dutch, English, Turkish, Arabic and Polish. Every organisation
//! starts with a copy of it, which its coordinators then edit; devices without an
//! account see it as it is.

use app::domain::Catalogue;
use std::sync::OnceLock;

/// The catalogue as shipped, in `server/catalogue/starter.json`.
const STARTER_JSON: &str = include_str!("../../catalogue/starter.json");

/// The starter catalogue at version 0, parsed once.
pub fn starter() -> &'static Catalogue {
    static STARTER: OnceLock<Catalogue> = OnceLock::new();
    STARTER.get_or_init(|| {
        serde_json::from_str(STARTER_JSON).expect("starter.json is checked by its tests")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::catalogue::{
        check_prompt, check_story, CATALOGUE_LANGUAGES, STARTER_PICTURES,
    };
    use app::domain::Topic;
    use std::collections::BTreeSet;

    #[test]
    fn every_item_passes_the_checks_coordinators_face() {
        for prompt in &starter().prompts {
            assert_eq!(check_prompt(prompt), vec![], "{}", prompt.id);
        }
        for story in &starter().stories {
            assert_eq!(check_story(story), vec![], "{}", story.id);
        }
    }

    #[test]
    fn it_is_as_large_as_promised_and_complete_in_five_languages() {
        let c = starter();
        assert!(c.prompts.len() >= 60, "{} prompts", c.prompts.len());
        let topics: BTreeSet<Topic> = c.prompts.iter().map(|p| p.topic).collect();
        assert!(topics.len() >= 10, "{} topics", topics.len());
        assert!(c.stories.len() >= 8);
        let texts = c
            .prompts
            .iter()
            .map(|p| &p.text)
            .chain(c.stories.iter().map(|s| &s.title))
            .chain(
                c.stories
                    .iter()
                    .flat_map(|s| &s.pictures)
                    .flat_map(|p| std::iter::once(&p.caption).chain(&p.questions)),
            );
        for text in texts {
            assert_eq!(
                text.missing(&CATALOGUE_LANGUAGES),
                Vec::<&str>::new(),
                "{text:?}"
            );
        }
        let ids: BTreeSet<&str> = c
            .prompts
            .iter()
            .map(|p| p.id.as_str())
            .chain(c.stories.iter().map(|s| s.id.as_str()))
            .collect();
        assert_eq!(
            ids.len(),
            c.prompts.len() + c.stories.len(),
            "ids are unique"
        );
    }

    #[test]
    fn every_picture_is_original_artwork_in_public() {
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
        for image in starter().images() {
            let name = image
                .strip_prefix(STARTER_PICTURES)
                .expect("starter artwork");
            let svg = std::fs::read_to_string(public.join("stories").join(name))
                .unwrap_or_else(|e| panic!("{image}: {e}"));
            assert!(
                !svg.contains("<text") && !svg.contains("<script"),
                "{image}"
            );
        }
    }
}
