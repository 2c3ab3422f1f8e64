//! The public agenda's own words in the mothers' languages.
//!
//! A mother opens the public agenda page of a home-visiting organisation to see
//! its meeting groups and their coming dates. The group texts are written by the
//! coordinators; this module holds only the page's *own* words: headings, labels,
//! buttons, friendly error texts and how dates and times are written. They exist
//! in the languages of the families the programmes reach: Dutch, English,
//! Turkish, Arabic, Polish, Ukrainian, Farsi and Tigrinya.
//!
//! Dutch is the fallback. Arabic and Farsi are written right to left (`rtl`).
//! All dates use the Gregorian calendar and Latin digits, like the times.
//! Nothing here holds personal data.

pub use app::domain::Frequency;

/// The public agenda's own words in one language.
pub struct AgendaWords {
    /// Primary language subtag: "nl", "en", "tr", "ar", "pl", "uk", "fa" or "ti".
    pub code: &'static str,
    /// The language's name in itself, for the language switch.
    pub native_name: &'static str,
    /// Whether the language is written right to left.
    pub rtl: bool,
    /// Page title; the argument is the organisation's name.
    pub agenda_title: fn(&str) -> String,
    /// One or two sentences under the title: free meetings, come along, no account needed.
    pub intro: &'static str,
    /// Heading above the list of coming dates.
    pub coming_sessions: &'static str,
    /// Shown when a group has no dates planned yet.
    pub no_sessions: &'static str,
    /// Label: for whom the group is.
    pub for_whom: &'static str,
    /// Label: languages spoken in the group.
    pub languages_spoken: &'static str,
    /// Label: where the group meets.
    pub place: &'static str,
    /// Label: directions to the place.
    pub how_to_find: &'static str,
    /// Label: the volunteer or worker who welcomes you.
    pub host: &'static str,
    /// Label: how often the group meets.
    pub how_often: &'static str,
    /// How often the group meets, in words.
    pub frequency: fn(Frequency) -> &'static str,
    /// Shown for groups you can just walk into.
    pub walk_in: &'static str,
    /// Shown for groups where the host wants to know you are coming.
    pub sign_up: &'static str,
    /// Label: the theme of a session.
    pub theme: &'static str,
    /// Label: a guest at a session, such as a youth nurse.
    pub guest: &'static str,
    /// Label: what to bring along.
    pub bring: &'static str,
    /// Shown big on a cancelled session.
    pub cancelled: &'static str,
    /// A cancelled session with its reason; the argument is the reason.
    pub cancelled_because: fn(&str) -> String,
    /// Shown when a group has stopped meeting.
    pub group_ended: &'static str,
    /// Small marker after a text shown in Dutch because it has no translation.
    /// Empty for Dutch itself.
    pub in_dutch: &'static str,
    /// Button: add one session to my calendar.
    pub add_to_calendar: &'static str,
    /// Button: follow all dates of a group in my calendar.
    pub subscribe: &'static str,
    /// Button: share on WhatsApp.
    pub share_whatsapp: &'static str,
    /// WhatsApp message inviting a friend; arguments are (group or organisation name, url).
    /// It ends with the url.
    pub share_text: fn(&str, &str) -> String,
    /// Button: print the page as a poster.
    pub print_poster: &'static str,
    /// Line next to the QR code on a poster.
    pub scan_to_open: &'static str,
    /// Link back to the list of all groups.
    pub all_groups: &'static str,
    /// Label of the language switch.
    pub language: &'static str,
    /// Title of the friendly "not found" page.
    pub not_found_title: &'static str,
    /// Text of the friendly "not found" page.
    pub not_found_text: &'static str,
    /// A time range from two clock times, such as ("10:00", "11:30").
    pub time_range: fn(&str, &str) -> String,
    /// Full date from (weekday 0=Monday..6=Sunday, day 1-31, month 1-12, year).
    pub date: fn(u32, u32, u32, i32) -> String,
    /// Short date from (weekday 0=Monday..6=Sunday, day 1-31, month 1-12).
    pub short_date: fn(u32, u32, u32) -> String,
}

/// The name at `index`, or "" when the index is out of range.
fn name_at(names: &[&'static str], index: u32) -> &'static str {
    usize::try_from(index)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or("")
}

/// The name of `month` (1-12), or "" when out of range.
fn month_name(names: &[&'static str; 12], month: u32) -> &'static str {
    month.checked_sub(1).map_or("", |i| name_at(names, i))
}

// ---------------------------------------------------------------- Dutch

const NL_WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const NL_WEEKDAYS_SHORT: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const NL_MONTHS_SHORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// Dutch (Nederlands), the fallback language.
pub static NL: AgendaWords = AgendaWords {
    code: "nl",
    native_name: "Nederlands",
    rtl: false,
    agenda_title: |org| format!("Ontmoetingsgroepen van {org}"),
    intro: "Gratis bijeenkomsten voor moeders en hun jonge kinderen. \
            Kom gerust langs, je hebt geen account nodig.",
    coming_sessions: "Komende bijeenkomsten",
    no_sessions: "Er staan nog geen bijeenkomsten gepland.",
    for_whom: "Voor wie",
    languages_spoken: "Gesproken talen",
    place: "Waar",
    how_to_find: "Zo vind je het",
    host: "Wie ontvangt je",
    how_often: "Hoe vaak",
    frequency: |f| match f {
        Frequency::Weekly => "Elke week",
        Frequency::Fortnightly => "Om de week",
        Frequency::Monthly => "Elke maand",
        Frequency::Irregular => "Af en toe",
    },
    walk_in: "Loop gewoon binnen, aanmelden hoeft niet",
    sign_up: "Laat even weten dat je komt",
    theme: "Thema",
    guest: "Gast",
    bring: "Neem mee",
    cancelled: "Gaat niet door",
    cancelled_because: |reason| format!("Gaat niet door: {reason}"),
    group_ended: "Deze groep is gestopt.",
    in_dutch: "",
    add_to_calendar: "Zet in mijn agenda",
    subscribe: "Volg alle bijeenkomsten in mijn agenda",
    share_whatsapp: "Deel via WhatsApp",
    share_text: |name, url| {
        format!(
            "Kom je ook naar {name}? Gratis bijeenkomsten voor moeders met jonge kinderen. \
             Kijk wanneer: {url}"
        )
    },
    print_poster: "Print als poster",
    scan_to_open: "Scan en zie de bijeenkomsten in je eigen taal",
    all_groups: "Alle groepen",
    language: "Taal",
    not_found_title: "Deze link werkt niet (meer)",
    not_found_text: "Vraag degene van wie je de link kreeg om een nieuwe.",
    time_range: |from, to| format!("{from} – {to} uur"),
    date: |w, d, m, y| {
        format!(
            "{} {d} {} {y}",
            name_at(&NL_WEEKDAYS, w),
            month_name(&NL_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{} {d} {}",
            name_at(&NL_WEEKDAYS_SHORT, w),
            month_name(&NL_MONTHS_SHORT, m)
        )
    },
};

// ---------------------------------------------------------------- English

const EN_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EN_WEEKDAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const EN_MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// English.
pub static EN: AgendaWords = AgendaWords {
    code: "en",
    native_name: "English",
    rtl: false,
    agenda_title: |org| format!("Meeting groups of {org}"),
    intro: "Free meetings for mothers and their young children. \
            Just come along, you don't need an account.",
    coming_sessions: "Coming dates",
    no_sessions: "No dates planned yet.",
    for_whom: "For whom",
    languages_spoken: "Languages spoken",
    place: "Where",
    how_to_find: "How to find it",
    host: "Your host",
    how_often: "How often",
    frequency: |f| match f {
        Frequency::Weekly => "Every week",
        Frequency::Fortnightly => "Every two weeks",
        Frequency::Monthly => "Every month",
        Frequency::Irregular => "Now and then",
    },
    walk_in: "Just walk in, no need to sign up",
    sign_up: "Tell the host you are coming",
    theme: "Theme",
    guest: "Guest",
    bring: "Bring along",
    cancelled: "Cancelled",
    cancelled_because: |reason| format!("Cancelled: {reason}"),
    group_ended: "This group has stopped.",
    in_dutch: "(in Dutch)",
    add_to_calendar: "Add to my calendar",
    subscribe: "Follow all dates in my calendar",
    share_whatsapp: "Share on WhatsApp",
    share_text: |name, url| {
        format!(
            "Come along to {name}! Free meetings for mothers and young children. \
             See the dates: {url}"
        )
    },
    print_poster: "Print as poster",
    scan_to_open: "Scan to see the dates in your language",
    all_groups: "All groups",
    language: "Language",
    not_found_title: "This link does not work (any more)",
    not_found_text: "Ask the person who gave you the link for a new one.",
    time_range: |from, to| format!("{from} – {to}"),
    date: |w, d, m, y| {
        format!(
            "{} {d} {} {y}",
            name_at(&EN_WEEKDAYS, w),
            month_name(&EN_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{} {d} {}",
            name_at(&EN_WEEKDAYS_SHORT, w),
            month_name(&EN_MONTHS_SHORT, m)
        )
    },
};

// ---------------------------------------------------------------- Turkish

const TR_WEEKDAYS: [&str; 7] = [
    "Pazartesi",
    "Salı",
    "Çarşamba",
    "Perşembe",
    "Cuma",
    "Cumartesi",
    "Pazar",
];
const TR_WEEKDAYS_SHORT: [&str; 7] = ["Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"];
const TR_MONTHS: [&str; 12] = [
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
    "Kasım", "Aralık",
];
const TR_MONTHS_SHORT: [&str; 12] = [
    "Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara",
];

/// Turkish (Türkçe).
pub static TR: AgendaWords = AgendaWords {
    code: "tr",
    native_name: "Türkçe",
    rtl: false,
    agenda_title: |org| format!("{org} buluşma grupları"),
    intro: "Anneler ve küçük çocukları için ücretsiz buluşmalar. \
            Siz de gelin, hesap açmanıza gerek yok.",
    coming_sessions: "Yaklaşan tarihler",
    no_sessions: "Henüz planlanmış bir tarih yok.",
    for_whom: "Kimler için",
    languages_spoken: "Konuşulan diller",
    place: "Nerede",
    how_to_find: "Yol tarifi",
    host: "Sizi karşılayan",
    how_often: "Ne sıklıkla",
    frequency: |f| match f {
        Frequency::Weekly => "Her hafta",
        Frequency::Fortnightly => "İki haftada bir",
        Frequency::Monthly => "Her ay",
        Frequency::Irregular => "Ara sıra",
    },
    walk_in: "Doğrudan gelebilirsiniz, kayıt gerekmez",
    sign_up: "Geleceğinizi haber verin",
    theme: "Konu",
    guest: "Konuk",
    bring: "Yanınızda getirin",
    cancelled: "İptal edildi",
    cancelled_because: |reason| format!("İptal edildi: {reason}"),
    group_ended: "Bu grup artık toplanmıyor.",
    in_dutch: "(Hollandaca)",
    add_to_calendar: "Takvimime ekle",
    subscribe: "Tüm tarihleri takvimimde takip et",
    share_whatsapp: "WhatsApp'ta paylaş",
    share_text: |name, url| {
        format!(
            "{name}: anneler ve küçük çocuklar için ücretsiz buluşmalar. Sen de gel! \
             Tarihler: {url}"
        )
    },
    print_poster: "Afiş olarak yazdır",
    scan_to_open: "Tarihleri kendi dilinizde görmek için tarayın",
    all_groups: "Tüm gruplar",
    language: "Dil",
    not_found_title: "Bu bağlantı (artık) çalışmıyor",
    not_found_text: "Bağlantıyı size veren kişiden yenisini isteyin.",
    time_range: |from, to| format!("{from} – {to}"),
    date: |w, d, m, y| {
        format!(
            "{d} {} {y} {}",
            month_name(&TR_MONTHS, m),
            name_at(&TR_WEEKDAYS, w)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{d} {} {}",
            month_name(&TR_MONTHS_SHORT, m),
            name_at(&TR_WEEKDAYS_SHORT, w)
        )
    },
};

// ---------------------------------------------------------------- Arabic

const AR_WEEKDAYS: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// Arabic (العربية), written right to left. Addresses the mother in the feminine.
pub static AR: AgendaWords = AgendaWords {
    code: "ar",
    native_name: "العربية",
    rtl: true,
    agenda_title: |org| format!("مجموعات اللقاء في {org}"),
    intro: "لقاءات مجانية للأمهات وأطفالهن الصغار. تعالي وانضمي إلينا، لا تحتاجين إلى حساب.",
    coming_sessions: "المواعيد القادمة",
    no_sessions: "لا توجد مواعيد حتى الآن.",
    for_whom: "لمن",
    languages_spoken: "اللغات المستخدمة",
    place: "المكان",
    how_to_find: "طريق الوصول",
    host: "في استقبالكِ",
    how_often: "كم مرة",
    frequency: |f| match f {
        Frequency::Weekly => "كل أسبوع",
        Frequency::Fortnightly => "كل أسبوعين",
        Frequency::Monthly => "كل شهر",
        Frequency::Irregular => "من وقت لآخر",
    },
    walk_in: "تعالي مباشرة، لا حاجة إلى التسجيل",
    sign_up: "أخبرينا أنكِ قادمة",
    theme: "الموضوع",
    guest: "الضيف",
    bring: "أحضري معكِ",
    cancelled: "ملغى",
    cancelled_because: |reason| format!("ملغى: {reason}"),
    group_ended: "توقفت هذه المجموعة.",
    in_dutch: "(بالهولندية)",
    add_to_calendar: "إضافة إلى تقويمي",
    subscribe: "متابعة كل المواعيد في تقويمي",
    share_whatsapp: "مشاركة عبر واتساب",
    share_text: |name, url| {
        format!("{name}: لقاءات مجانية للأمهات والأطفال الصغار. تعالي معي! المواعيد هنا: {url}")
    },
    print_poster: "طباعة كملصق",
    scan_to_open: "امسحي الرمز لتري المواعيد بلغتكِ",
    all_groups: "كل المجموعات",
    language: "اللغة",
    not_found_title: "هذا الرابط لا يعمل أو انتهت صلاحيته",
    not_found_text: "اطلبي رابطاً جديداً من الشخص الذي أعطاكِ هذا الرابط.",
    time_range: |from, to| format!("من {from} إلى {to}"),
    date: |w, d, m, y| {
        format!(
            "{} {d} {} {y}",
            name_at(&AR_WEEKDAYS, w),
            month_name(&AR_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{} {d} {}",
            name_at(&AR_WEEKDAYS, w),
            month_name(&AR_MONTHS, m)
        )
    },
};

// ---------------------------------------------------------------- Polish

const PL_WEEKDAYS: [&str; 7] = [
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
];
const PL_WEEKDAYS_SHORT: [&str; 7] = ["pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz."];
/// Genitive month names, as used in dates ("14 marca").
const PL_MONTHS: [&str; 12] = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
];
const PL_MONTHS_SHORT: [&str; 12] = [
    "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru",
];

/// Polish (Polski).
pub static PL: AgendaWords = AgendaWords {
    code: "pl",
    native_name: "Polski",
    rtl: false,
    agenda_title: |org| format!("Grupy spotkań – {org}"),
    intro: "Bezpłatne spotkania dla mam i ich małych dzieci. \
            Po prostu przyjdź, nie potrzebujesz konta.",
    coming_sessions: "Najbliższe terminy",
    no_sessions: "Nie ma jeszcze zaplanowanych terminów.",
    for_whom: "Dla kogo",
    languages_spoken: "Używane języki",
    place: "Gdzie",
    how_to_find: "Jak dojść",
    host: "Kto cię powita",
    how_often: "Jak często",
    frequency: |f| match f {
        Frequency::Weekly => "Co tydzień",
        Frequency::Fortnightly => "Co dwa tygodnie",
        Frequency::Monthly => "Co miesiąc",
        Frequency::Irregular => "Od czasu do czasu",
    },
    walk_in: "Po prostu przyjdź, nie trzeba się zapisywać",
    sign_up: "Daj znać, że przyjdziesz",
    theme: "Temat",
    guest: "Gość",
    bring: "Weź ze sobą",
    cancelled: "Odwołane",
    cancelled_because: |reason| format!("Odwołane: {reason}"),
    group_ended: "Ta grupa już się nie spotyka.",
    in_dutch: "(po holendersku)",
    add_to_calendar: "Dodaj do mojego kalendarza",
    subscribe: "Obserwuj wszystkie terminy w moim kalendarzu",
    share_whatsapp: "Udostępnij przez WhatsApp",
    share_text: |name, url| {
        format!(
            "{name}: bezpłatne spotkania dla mam i małych dzieci. Może przyjdziesz? \
             Terminy: {url}"
        )
    },
    print_poster: "Wydrukuj jako plakat",
    scan_to_open: "Zeskanuj, aby zobaczyć terminy w swoim języku",
    all_groups: "Wszystkie grupy",
    language: "Język",
    not_found_title: "Ten link (już) nie działa",
    not_found_text: "Poproś o nowy link osobę, od której go masz.",
    time_range: |from, to| format!("{from}–{to}"),
    date: |w, d, m, y| {
        format!(
            "{}, {d} {} {y}",
            name_at(&PL_WEEKDAYS, w),
            month_name(&PL_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{} {d} {}",
            name_at(&PL_WEEKDAYS_SHORT, w),
            month_name(&PL_MONTHS_SHORT, m)
        )
    },
};

// ---------------------------------------------------------------- Ukrainian

const UK_WEEKDAYS: [&str; 7] = [
    "понеділок",
    "вівторок",
    "середа",
    "четвер",
    "пʼятниця",
    "субота",
    "неділя",
];
const UK_WEEKDAYS_SHORT: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "нд"];
/// Genitive month names, as used in dates ("14 березня").
const UK_MONTHS: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];
const UK_MONTHS_SHORT: [&str; 12] = [
    "січ.",
    "лют.",
    "бер.",
    "квіт.",
    "трав.",
    "черв.",
    "лип.",
    "серп.",
    "вер.",
    "жовт.",
    "лист.",
    "груд.",
];

/// Ukrainian (Українська). Uses the polite "ви", usual for public information.
pub static UK: AgendaWords = AgendaWords {
    code: "uk",
    native_name: "Українська",
    rtl: false,
    agenda_title: |org| format!("Групи зустрічей – {org}"),
    intro: "Безкоштовні зустрічі для мам і їхніх маленьких дітей. \
            Приходьте, обліковий запис не потрібен.",
    coming_sessions: "Найближчі дати",
    no_sessions: "Дат ще не заплановано.",
    for_whom: "Для кого",
    languages_spoken: "Мови спілкування",
    place: "Де",
    how_to_find: "Як дістатися",
    host: "Хто вас зустріне",
    how_often: "Як часто",
    frequency: |f| match f {
        Frequency::Weekly => "Щотижня",
        Frequency::Fortnightly => "Раз на два тижні",
        Frequency::Monthly => "Щомісяця",
        Frequency::Irregular => "Час від часу",
    },
    walk_in: "Просто приходьте, записуватися не треба",
    sign_up: "Повідомте, що прийдете",
    theme: "Тема",
    guest: "Гість",
    bring: "Візьміть із собою",
    cancelled: "Скасовано",
    cancelled_because: |reason| format!("Скасовано: {reason}"),
    group_ended: "Ця група більше не збирається.",
    in_dutch: "(нідерландською)",
    add_to_calendar: "Додати в мій календар",
    subscribe: "Стежити за всіма датами в моєму календарі",
    share_whatsapp: "Поділитися у WhatsApp",
    share_text: |name, url| {
        format!("{name}: безкоштовні зустрічі для мам і маленьких дітей. Приходь! Дати: {url}")
    },
    print_poster: "Надрукувати як плакат",
    scan_to_open: "Відскануйте, щоб побачити дати своєю мовою",
    all_groups: "Усі групи",
    language: "Мова",
    not_found_title: "Це посилання (вже) не працює",
    not_found_text: "Попросіть нове посилання в людини, яка вам його дала.",
    time_range: |from, to| format!("{from}–{to}"),
    date: |w, d, m, y| {
        format!(
            "{}, {d} {} {y} р.",
            name_at(&UK_WEEKDAYS, w),
            month_name(&UK_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{}, {d} {}",
            name_at(&UK_WEEKDAYS_SHORT, w),
            month_name(&UK_MONTHS_SHORT, m)
        )
    },
};

// ---------------------------------------------------------------- Farsi

const FA_WEEKDAYS: [&str; 7] = [
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنج‌شنبه",
    "جمعه",
    "شنبه",
    "یکشنبه",
];
const FA_MONTHS: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// Farsi (فارسی), written right to left. Uses the polite "شما", usual for public information.
pub static FA: AgendaWords = AgendaWords {
    code: "fa",
    native_name: "فارسی",
    rtl: true,
    agenda_title: |org| format!("گروه‌های دیدار {org}"),
    intro: "دیدارهای رایگان برای مادران و کودکان خردسالشان. خوش آمدید؛ حساب کاربری لازم نیست.",
    coming_sessions: "تاریخ‌های پیش رو",
    no_sessions: "هنوز تاریخی برنامه‌ریزی نشده است.",
    for_whom: "برای چه کسانی",
    languages_spoken: "زبان‌های گفت‌وگو",
    place: "کجا",
    how_to_find: "راه رسیدن",
    host: "میزبان شما",
    how_often: "هر چند وقت یک بار",
    frequency: |f| match f {
        Frequency::Weekly => "هر هفته",
        Frequency::Fortnightly => "دو هفته یک بار",
        Frequency::Monthly => "ماهی یک بار",
        Frequency::Irregular => "گاهی",
    },
    walk_in: "بدون ثبت‌نام بیایید",
    sign_up: "به میزبان خبر دهید که می‌آیید",
    theme: "موضوع",
    guest: "مهمان",
    bring: "با خود بیاورید",
    cancelled: "لغو شد",
    cancelled_because: |reason| format!("لغو شد: {reason}"),
    group_ended: "این گروه دیگر برگزار نمی‌شود.",
    in_dutch: "(به هلندی)",
    add_to_calendar: "افزودن به تقویم من",
    subscribe: "دنبال کردن همه تاریخ‌ها در تقویم من",
    share_whatsapp: "اشتراک‌گذاری در واتس‌اپ",
    share_text: |name, url| {
        format!("{name}: دیدارهای رایگان برای مادران و کودکان خردسال. تو هم بیا! تاریخ‌ها: {url}")
    },
    print_poster: "چاپ به شکل پوستر",
    scan_to_open: "اسکن کنید تا تاریخ‌ها را به زبان خودتان ببینید",
    all_groups: "همه گروه‌ها",
    language: "زبان",
    not_found_title: "این لینک (دیگر) کار نمی‌کند",
    not_found_text: "از کسی که این لینک را به شما داد، لینک تازه‌ای بخواهید.",
    time_range: |from, to| format!("از {from} تا {to}"),
    date: |w, d, m, y| {
        format!(
            "{} {d} {} {y}",
            name_at(&FA_WEEKDAYS, w),
            month_name(&FA_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{} {d} {}",
            name_at(&FA_WEEKDAYS, w),
            month_name(&FA_MONTHS, m)
        )
    },
};

// ---------------------------------------------------------------- Tigrinya

const TI_WEEKDAYS: [&str; 7] = ["ሰኑይ", "ሰሉስ", "ረቡዕ", "ሓሙስ", "ዓርቢ", "ቀዳም", "ሰንበት"];
/// Month names of the Ethiopian calendar, used for Gregorian months as is usual in Eritrea.
const TI_MONTHS: [&str; 12] = [
    "ጥሪ",
    "ለካቲት",
    "መጋቢት",
    "ሚያዝያ",
    "ግንቦት",
    "ሰነ",
    "ሓምለ",
    "ነሓሰ",
    "መስከረም",
    "ጥቅምቲ",
    "ሕዳር",
    "ታሕሳስ",
];

/// Tigrinya (ትግርኛ). Addresses readers in the plural, usual for public notices.
pub static TI: AgendaWords = AgendaWords {
    code: "ti",
    native_name: "ትግርኛ",
    rtl: false,
    agenda_title: |org| format!("ጉጅለታት ርክብ ናይ {org}"),
    intro: "ንኣደታትን ንህጻናተንን ናጻ ርክባት። ንዑ ተሓወሱ፣ ኣካውንት ኣየድልን።",
    coming_sessions: "ዝመጽኡ ዕለታት",
    no_sessions: "ገና ዝተመደበ ዕለት የለን።",
    for_whom: "ንመን",
    languages_spoken: "ዝዝረቡ ቋንቋታት",
    place: "ኣበይ",
    how_to_find: "ከመይ ትረኽብዎ",
    host: "ዝቕበለኩም ሰብ",
    how_often: "ክንደይ ግዜ",
    frequency: |f| match f {
        Frequency::Weekly => "ኩሉ ሰሙን",
        Frequency::Fortnightly => "ኣብ ክልተ ሰሙን ሓደ ግዜ",
        Frequency::Monthly => "ኩሉ ወርሒ",
        Frequency::Irregular => "ሓድሓደ ግዜ",
    },
    walk_in: "ብቐጥታ ንዑ፣ ምምዝጋብ ኣየድልን",
    sign_up: "ከም እትመጹ ሓብሩ",
    theme: "ኣርእስቲ",
    guest: "ጋሻ",
    bring: "ሒዝኩም ንዑ",
    cancelled: "ተሰሪዙ",
    cancelled_because: |reason| format!("ተሰሪዙ፦ {reason}"),
    group_ended: "እዚ ጉጅለ ደው ኢሉ እዩ።",
    in_dutch: "(ብሆላንድኛ)",
    add_to_calendar: "ናብ ካላንደረይ ምውሳኽ",
    subscribe: "ኩሎም ዕለታት ኣብ ካላንደረይ ምክትታል",
    share_whatsapp: "ብዋትስኣፕ ምክፋል",
    share_text: |name, url| format!("{name}: ንኣደታትን ንህጻናትን ናጻ ርክባት። ንስኺ'ውን ንዒ! ዕለታት፦ {url}"),
    print_poster: "ከም ፖስተር ምሕታም",
    scan_to_open: "ዕለታት ብቋንቋኹም ንምርኣይ ስካን ግበሩ",
    all_groups: "ኩሎም ጉጅለታት",
    language: "ቋንቋ",
    not_found_title: "እዚ ሊንክ ኣይሰርሕን",
    not_found_text: "ነቲ ሊንክ ዝሃበኩም ሰብ ሓድሽ ሊንክ ሕተትዎ።",
    time_range: |from, to| format!("ካብ {from} ክሳብ {to}"),
    date: |w, d, m, y| {
        format!(
            "{} {d} {} {y}",
            name_at(&TI_WEEKDAYS, w),
            month_name(&TI_MONTHS, m)
        )
    },
    short_date: |w, d, m| {
        format!(
            "{} {d} {}",
            name_at(&TI_WEEKDAYS, w),
            month_name(&TI_MONTHS, m)
        )
    },
};

// ---------------------------------------------------------------- choosing a language

/// Every language the public agenda speaks, Dutch first (the fallback).
pub static ALL: [&AgendaWords; 8] = [&NL, &EN, &TR, &AR, &PL, &UK, &FA, &TI];

/// The words of `code` (a primary language subtag, case-insensitive, e.g. "ar" or "AR"); None when not spoken.
pub fn words_for(code: &str) -> Option<&'static AgendaWords> {
    let code = code.trim();
    ALL.iter()
        .copied()
        .find(|w| w.code.eq_ignore_ascii_case(code))
}

/// The best language for a browser's `Accept-Language` header value (RFC 9110 weighted list, e.g. "ar-MA,ar;q=0.9,fr;q=0.8,en;q=0.5"): the highest-q language we speak, matching by primary subtag; q=0 means not acceptable; ties keep header order; Dutch when none matches or the header is malformed.
pub fn from_accept_language(header: &str) -> &'static AgendaWords {
    let mut best: Option<(&'static AgendaWords, u16)> = None;
    for (tag, q) in header.split(',').filter_map(parse_range) {
        let Some(words) = words_for(primary_subtag(tag)) else {
            continue;
        };
        if q > 0 && best.is_none_or(|(_, best_q)| q > best_q) {
            best = Some((words, q));
        }
    }
    best.map_or(&NL, |(words, _)| words)
}

/// One element of an Accept-Language list: its language range and its weight
/// in thousandths (1000 when no q is given). None when malformed.
fn parse_range(element: &str) -> Option<(&str, u16)> {
    let mut parts = element.split(';');
    let tag = parts.next()?.trim();
    if tag.is_empty() {
        return None;
    }
    let mut q = 1000;
    for param in parts {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            q = parse_qvalue(value.trim())?;
        }
    }
    Some((tag, q))
}

/// The primary subtag of a language tag ("ar" of "ar-MA"; also accepts "ar_MA").
fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// An RFC 9110 qvalue ("0", "0.5", "1.000") in thousandths; None when malformed.
fn parse_qvalue(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_speaks_every_language_a_group_text_may_be_entered_in() {
        let codes: Vec<&str> = ALL.iter().map(|w| w.code).collect();
        assert_eq!(codes, app::domain::agenda::AGENDA_LANGUAGES);
    }

    fn pick(header: &str) -> &'static str {
        from_accept_language(header).code
    }

    #[test]
    fn prefers_the_first_spoken_language() {
        assert_eq!(pick("ar-MA,ar;q=0.9,en;q=0.5"), "ar");
        assert_eq!(pick("ar-MA,ar;q=0.9,fr;q=0.8,en;q=0.5"), "ar");
    }

    #[test]
    fn skips_languages_we_do_not_speak() {
        assert_eq!(pick("fr-FR,en;q=0.5"), "en");
    }

    #[test]
    fn respects_q_ordering() {
        assert_eq!(pick("en;q=0.3, pl;q=0.8"), "pl");
        assert_eq!(pick("en;q=0.8, pl;q=0.8"), "en");
        assert_eq!(pick("uk;q=0.5, ti"), "ti");
    }

    #[test]
    fn q_zero_is_not_acceptable() {
        assert_eq!(pick("tr;q=0"), "nl");
        assert_eq!(pick("tr;q=0.000, fa;q=0.1"), "fa");
    }

    #[test]
    fn malformed_or_empty_gives_dutch() {
        assert_eq!(pick(""), "nl");
        assert_eq!(pick("   "), "nl");
        assert_eq!(pick(";;,,=;q"), "nl");
        assert_eq!(pick("en;q=abc"), "nl");
        assert_eq!(pick("en;q=1.5"), "nl");
        assert_eq!(pick("en;q"), "nl");
        assert_eq!(pick("*"), "nl");
        assert_eq!(pick("en;q=abc, tr;q=0.2"), "tr");
    }

    #[test]
    fn case_insensitive() {
        assert_eq!(pick("EN-gb"), "en");
        assert_eq!(pick("Uk-UA;Q=0.9"), "uk");
        assert_eq!(words_for("PL").map(|w| w.code), Some("pl"));
        assert_eq!(words_for("ar").map(|w| w.code), Some("ar"));
        assert!(words_for("fr").is_none());
        assert!(words_for("").is_none());
    }

    #[test]
    fn every_date_has_day_and_year() {
        for w in ALL {
            let date = (w.date)(1, 14, 3, 2027);
            assert!(
                date.contains("14") && date.contains("2027"),
                "{}: {date}",
                w.code
            );
            let short = (w.short_date)(1, 14, 3);
            assert!(short.contains("14"), "{}: {short}", w.code);
        }
        assert_eq!((EN.date)(1, 14, 3, 2027), "Tuesday 14 March 2027");
        assert_eq!((NL.date)(1, 14, 3, 2027), "dinsdag 14 maart 2027");
        assert_eq!((TR.date)(1, 14, 3, 2027), "14 Mart 2027 Salı");
        assert_eq!((EN.short_date)(1, 14, 3), "Tue 14 Mar");
        assert_eq!((NL.short_date)(1, 14, 3), "di 14 mrt");
    }

    #[test]
    fn out_of_range_dates_do_not_panic() {
        for w in ALL {
            let _ = (w.date)(9, 40, 0, -1);
            let _ = (w.short_date)(u32::MAX, 0, 13);
        }
    }

    #[test]
    fn only_arabic_and_farsi_are_rtl() {
        let rtl: Vec<&str> = ALL.iter().filter(|w| w.rtl).map(|w| w.code).collect();
        assert_eq!(rtl, ["ar", "fa"]);
    }

    #[test]
    fn codes_are_unique_and_dutch_is_first() {
        assert_eq!(ALL[0].code, "nl");
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.code, b.code);
            }
        }
    }

    #[test]
    fn texts_are_filled_in() {
        let all_freq = [
            Frequency::Weekly,
            Frequency::Fortnightly,
            Frequency::Monthly,
            Frequency::Irregular,
        ];
        for w in ALL {
            assert!(
                !w.intro.is_empty() && !w.not_found_text.is_empty(),
                "{}",
                w.code
            );
            assert!(
                all_freq.iter().all(|f| !(w.frequency)(*f).is_empty()),
                "{}",
                w.code
            );
            assert!((w.share_text)("Babygroep", "https://x.nl/a").ends_with("https://x.nl/a"));
            assert!((w.agenda_title)("Org").contains("Org"));
            assert!((w.cancelled_because)("ziek").contains("ziek"));
            let range = (w.time_range)("10:00", "11:30");
            assert!(
                range.contains("10:00") && range.contains("11:30"),
                "{}",
                w.code
            );
            assert_eq!(w.in_dutch.is_empty(), w.code == "nl");
        }
    }
}
