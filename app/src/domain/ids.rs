//! Client-generated identifiers. Every record and every change gets its own UUID on the
//! device, so a record exists before the server has ever seen it and a retried upload
//! can be recognised.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random identifier, made on this device.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a family (gezin).
    FamilyId
);
id_type!(
    /// Identifies one visit (bezoek).
    VisitId
);
id_type!(
    /// Identifies one reply of a coordinator on a visit (with the volunteer's answer).
    FeedbackId
);
id_type!(
    /// Identifies a meeting group (ontmoetingsgroep).
    GroupId
);
id_type!(
    /// Identifies one session of a meeting group (also its calendar UID).
    SessionId
);
id_type!(
    /// Identifies one change made on a device, so the server applies it once only.
    MutationId
);
id_type!(
    /// Identifies the device (browser profile) that made a change.
    DeviceId
);
