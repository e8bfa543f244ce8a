//! Where a term stands in the yearly cycle, from what has been recorded: the stage it is
//! at and so the next thing the clerk does. Pure: counts in, a stage out.

/// What has been recorded for a term (withdrawn, replaced and revoked records not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub units: i64,
    pub nominations: i64,
    pub pending: i64,
    pub verified: i64,
    /// Verified nominations with no self-evaluation sheet yet.
    pub without_self: i64,
    /// Verified nominations with no joint sheet yet.
    pub without_joint: i64,
    /// Findings and surveys.
    pub inspections: i64,
    pub awarded: bool,
    pub closed: bool,
}

/// The stage of a term: the first step of the cycle that is still to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// No groups or units yet.
    Org,
    /// No nominations yet.
    Nominate,
    /// Nominations wait to be checked.
    Verify,
    /// Verified nominees lack self-evaluation or joint sheets.
    Score,
    /// No inspection or survey recorded yet.
    Inspect,
    /// Everything is in: rank, decide any tie, grant.
    Award,
    /// Awarded: the notice and certificates, then close the term.
    Publish,
    /// Closed: nothing of it changes.
    Closed,
}

pub fn stage(p: &Progress) -> Stage {
    if p.closed {
        Stage::Closed
    } else if p.awarded {
        Stage::Publish
    } else if p.units == 0 {
        Stage::Org
    } else if p.nominations == 0 {
        Stage::Nominate
    } else if p.pending > 0 || p.verified == 0 {
        Stage::Verify
    } else if p.without_self > 0 || p.without_joint > 0 {
        Stage::Score
    } else if p.inspections == 0 {
        Stage::Inspect
    } else {
        Stage::Award
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready() -> Progress {
        Progress {
            units: 6,
            nominations: 10,
            pending: 0,
            verified: 9,
            without_self: 0,
            without_joint: 0,
            inspections: 4,
            awarded: false,
            closed: false,
        }
    }

    #[test]
    fn each_missing_step_is_the_stage() {
        assert_eq!(stage(&ready()), Stage::Award);
        assert_eq!(stage(&Progress::default()), Stage::Org);
        assert_eq!(
            stage(&Progress {
                nominations: 0,
                ..ready()
            }),
            Stage::Nominate
        );
        assert_eq!(stage(&Progress { pending: 1, ..ready() }), Stage::Verify);
        // Every nomination rejected: verify again after correcting them.
        assert_eq!(stage(&Progress { verified: 0, ..ready() }), Stage::Verify);
        assert_eq!(
            stage(&Progress {
                without_joint: 2,
                ..ready()
            }),
            Stage::Score
        );
        assert_eq!(
            stage(&Progress {
                without_self: 1,
                ..ready()
            }),
            Stage::Score
        );
        assert_eq!(
            stage(&Progress {
                inspections: 0,
                ..ready()
            }),
            Stage::Inspect
        );
    }

    #[test]
    fn the_term_state_comes_first() {
        assert_eq!(
            stage(&Progress {
                awarded: true,
                ..Progress::default()
            }),
            Stage::Publish
        );
        let closed = Progress {
            awarded: true,
            closed: true,
            ..ready()
        };
        assert_eq!(stage(&closed), Stage::Closed);
    }
}
