//! Subscription statuses (exports.md §3), case, `_`, `-` and spaces ignored: live ones count by
//! their dates, ended ones need an end date, and trials, future, incomplete and (Stripe) paused
//! subscriptions are set aside with no MRR. Another system's paused subscription ends at its pause
//! date, and without one is counted as active with a warning (Chargebee, exports.md §3).

/// What a status means for a subscription's MRR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// No status column or cell: by its dates.
    Unknown,
    /// Active, past due, unpaid: by its dates; an end date is scheduled.
    Live,
    /// Will not renew (Chargebee `Non Renewing`, Recurly `canceled`): ends at its cancel date,
    /// else at the end of its current term.
    NonRenewing,
    /// Canceled, cancelled, expired (Recurly), deleted (Paddle): it ended, so it needs an end date.
    Ended,
    /// Paused (any system but Stripe): ends at its pause date; without one (no cell, or no
    /// column at all) it is counted as active, with a warning.
    Paused,
    /// Not counted as MRR, with the reason shown in the table's `set_aside`.
    SetAside(&'static str),
    /// A status no rule knows: by its dates, and one warning lists them.
    Other(String),
}

pub const IN_TRIAL: &str = "in trial: not counted as MRR";
const FUTURE: &str = "future: not started yet";
const INCOMPLETE: &str = "incomplete: first payment never made";
const FAILED: &str = "failed: never started";
/// Stripe's `paused`: the subscription bills nothing while paused, and the export has no date
/// saying since when (exports.md §3).
const PAUSED: &str = "paused: not counted as MRR";

impl Status {
    /// The status of a cell's text for an export (`source`), or any table (None).
    pub fn of(text: &str, source: Option<&str>) -> Status {
        let key: String = text
            .chars()
            .filter(|c| !matches!(c, '_' | ' ' | '-'))
            .flat_map(char::to_lowercase)
            .collect();
        let recurly = source == Some("recurly_subscriptions");
        let stripe = source == Some("stripe_subscriptions");
        match key.as_str() {
            "" => Status::Unknown,
            // Recurly's `canceled` is a live subscription that will not renew; `expired` ended.
            "canceled" | "cancelled" if recurly => Status::NonRenewing,
            "failed" if recurly => Status::SetAside(FAILED),
            "active" | "pastdue" | "unpaid" | "live" => Status::Live,
            "nonrenewing" => Status::NonRenewing,
            "canceled" | "cancelled" | "expired" | "deleted" => Status::Ended,
            "paused" if stripe => Status::SetAside(PAUSED),
            "paused" => Status::Paused,
            "trialing" | "intrial" | "trial" => Status::SetAside(IN_TRIAL),
            "future" => Status::SetAside(FUTURE),
            "incomplete" | "incompleteexpired" => Status::SetAside(INCOMPLETE),
            _ => Status::Other(text.trim().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(Status::of("active", None), Status::Live);
        assert_eq!(Status::of("past_due", None), Status::Live);
        assert_eq!(Status::of("Non Renewing", None), Status::NonRenewing);
        assert_eq!(Status::of("Cancelled", None), Status::Ended);
        assert_eq!(Status::of("canceled", Some("recurly_subscriptions")), Status::NonRenewing);
        assert_eq!(Status::of("expired", Some("recurly_subscriptions")), Status::Ended);
        assert_eq!(Status::of("In Trial", None), Status::SetAside(IN_TRIAL));
        assert_eq!(Status::of("trialing", None), Status::SetAside(IN_TRIAL));
        assert_eq!(Status::of("incomplete_expired", None), Status::SetAside(INCOMPLETE));
        assert_eq!(Status::of("Paused", None), Status::Paused);
        assert_eq!(Status::of("Paused", Some("chargebee_subscriptions")), Status::Paused);
        assert_eq!(Status::of("paused", Some("stripe_subscriptions")), Status::SetAside(PAUSED));
        assert_eq!(Status::of(" Pending ", None), Status::Other("Pending".into()));
    }
}
