//! What the demo's customers write: NPS comments (praise from promoters, gripes from detractors,
//! two of them in German and French, which the app does not score) and ticket subjects. Picking
//! from a longer list draws the same random numbers, so the demo's figures do not move.

pub const PRAISE: &[&str] = &[
    "Dashboards save us hours every week",
    "Great onboarding team",
    "Support is fast and friendly",
    "The API is solid",
    "Onboarding was smooth and quick",
    "Love the new dashboards",
    "Support answered within the hour, impressive",
    "The Salesforce integration just works",
    "Reports are clear and our board loves them",
    "Our CSM made onboarding painless",
    "Der Support ist schnell und sehr freundlich, wir sind zufrieden",
    "The API docs are excellent",
];

pub const GRIPES: &[&str] = &[
    "Too expensive for what we use",
    "Reports are slow on big accounts",
    "Missing SSO on our plan",
    "Hard to find settings",
    "Support took days to answer",
    "Price went up again at renewal",
    "The pricing is hard to justify to finance",
    "Reports time out on large exports",
    "The HubSpot integration breaks every week",
    "Support never follows up on tickets",
    "SSO should not cost extra",
    "Le prix est trop élevé pour nous et le support est lent",
    "Mobile app crashes on login",
    "Invoices show the wrong VAT",
];

/// Ticket subjects, taken in turn (no random draw).
pub const SUBJECTS: &[&str] = &[
    "Export to Excel fails",
    "Invoice shows the wrong amount",
    "Cannot log in with SSO",
    "Dashboard not loading",
    "How do I add a user?",
    "HubSpot integration stopped syncing",
    "Report times out",
    "Password reset email not received",
    "Question about our invoice",
    "API rate limit reached",
    "Dashboard shows old data",
    "Please add SSO for our team",
    "Report filters are confusing",
];
