//! Issue 16 (exports.md §6, §7, §8): support, survey and product-analytics exports as the systems
//! write them (tests/fixtures/exports/), recognised by their columns and read with their rules; each
//! KPI worked out by hand in the comments.

use northstar::import::{Imported, TableReport};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use serde_json::Value;

mod common;
use common::engine::{csv, fixture, import, issues, maps, report, report_with, rules, set_aside};

fn value(r: &Value, id: &str) -> f64 {
    r["kpis"][id]["value"].as_f64().unwrap_or_else(|| panic!("{id}: {}", r["kpis"][id]))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The one table of an import, checked to be the export named.
fn table<'a>(imp: &'a Imported, kind: &str, source: &str, system: &str) -> &'a TableReport {
    assert_eq!(imp.report.tables.len(), 1);
    let t = &imp.report.tables[0];
    assert_eq!(t.kind.map(|k| k.id()), Some(kind));
    assert_eq!((t.source, t.system), (Some(source), Some(system)));
    t
}

// ---- Support (§6) ----

/// Zendesk: Solved at is the resolution (an Open ticket has none); Replies are the contacts; the
/// duration columns are not read; Good/Bad ratings are CSAT responses dated at the solve.
#[test]
fn zendesk_tickets() {
    let imp = import(&[fixture("zendesk.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "tickets", "zendesk_tickets", "Zendesk tickets export");
    assert_eq!(maps(t, "Id"), "ticket_id");
    assert_eq!(maps(t, "Created at"), "opened");
    assert_eq!(maps(t, "Solved at"), "resolved");
    assert_eq!(maps(t, "Replies"), "contacts");
    assert_eq!(maps(t, "Organization"), "customer_id");
    assert_eq!(maps(t, "Satisfaction Score"), "satisfaction");
    assert_eq!(maps(t, "Resolution time"), "extra");
    assert_eq!(maps(t, "Full resolution time in minutes"), "extra");
    assert_eq!((t.rows_read, t.rows_used), (7, 7));
    // Good (101), Bad with comment (102), Good with comment (105), Good (106); Offered (103),
    // Unoffered (104) and blank (107) are no answer.
    assert_eq!(t.csat_responses, Some(4));
    let json = serde_json::to_value(t).unwrap();
    assert_eq!(json["csat_responses"], 4);

    let r = report(&imp, "2024-03", "2024-03");
    // Opened in March and solved: 101 (4 h, 1 reply), 102 (24 h, 3), 103 (2 h, 0), 105 (30 h, 1);
    // 104 and 107 have no Solved at; 106 was opened in February.
    // FCR: exactly one reply = 101, 105; 103's 0 replies is no first contact: 2 / 4 = 0.5.
    assert!(close(value(&r, "fcr"), 0.5));
    assert_eq!(r["kpis"]["fcr"]["n"], 4.0);
    // Calendar hours between the stamps (not Resolution time, nor business hours): (4+24+2+30)/4.
    assert!(close(value(&r, "avg_resolution_hours"), 15.0));
    // CSAT in March, dated at the solve: 101 Good (03-04), 102 Bad (03-06), 105 Good (03-13), 106
    // Good (solved 03-01, opened in February): 3 / 4.
    assert!(close(value(&r, "csat"), 0.75));
    assert_eq!(r["kpis"]["csat"]["n"], 4);
    // Good is positive whatever the CSAT scale.
    let ten = Settings { csat_scale: Some(10), ..Settings::default() };
    assert!(close(value(&report_with(&imp, "2024-03", "2024-03", &ten), "csat"), 0.75));
    // The ratings are the ticket's customer's.
    let bad: Vec<_> = imp.dataset.surveys.iter().filter(|s| s.positive == Some(false)).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].customer_id.as_deref(), Some("Globex"));
    assert_eq!(bad[0].date.to_string(), "2024-03-06");
    // No other survey: NPS still needs its table.
    assert_eq!(r["kpis"]["nps"]["value"], Value::Null);
    // The rows behind CSAT show the rating and its verdict.
    let req = ReportRequest {
        from: Month::parse_iso("2024-03"),
        to: Month::parse_iso("2024-03"),
        segment: None,
        with_details: false,
    };
    let e = kpi::explain::explain(&imp.dataset, &req, &Settings::default(), "csat").unwrap();
    let row = e.rows.iter().find(|r| r[1] == "Globex" && r[0] == "2024-03-06").unwrap();
    assert_eq!((&row[2], &row[3]), (&Value::from("Bad"), &Value::from("negative")));
}

/// Ticket ratings join the CSAT answers of a survey export.
#[test]
fn ticket_ratings_join_survey_csat() {
    let imp = import(&[fixture("zendesk.csv"), fixture("typeform.csv")]);
    let r = report(&imp, "2024-03", "2024-03");
    // Zendesk 3 Good of 4; Typeform 5 (positive) and 3 in March (the 4 was submitted in April):
    // (3 + 1) / (4 + 2).
    assert!(close(value(&r, "csat"), 4.0 / 6.0));
    assert_eq!(r["kpis"]["csat"]["n"], 6);
}

/// A rating that is no CSAT answer is not counted: one warning; the ticket is kept.
#[test]
fn unknown_ratings_are_warned_not_dropped() {
    let text = "Ticket ID,Created at,Solved at,Replies,Satisfaction Score\n\
                1,2024-03-04 09:00,2024-03-04 10:00,1,Great\n\
                2,2024-03-05 09:00,2024-03-05 10:00,1,Good\n";
    let imp = import(&[csv("tickets.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.dataset.tickets.len(), 2);
    assert_eq!(imp.report.tables[0].csat_responses, Some(1));
    let w: Vec<_> = imp.report.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        w,
        ["column \"Satisfaction Score\": 1 rating is not a CSAT answer (Good, Bad or 1-5) and was not counted: \"Great\" (1)"]
    );
}

/// Freshdesk: Resolved time, else Closed time only when Resolved time is empty; Agent interactions
/// are the contacts; `Resolution time (in hrs)` (business hours) is not read.
#[test]
fn freshdesk_tickets() {
    let imp = import(&[fixture("freshdesk.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "tickets", "freshdesk_tickets", "Freshdesk tickets export");
    assert_eq!(maps(t, "Ticket ID"), "ticket_id");
    assert_eq!(maps(t, "Created time"), "opened");
    assert_eq!(maps(t, "Resolved time"), "resolved");
    assert_eq!(maps(t, "Closed time"), "closed");
    assert_eq!(maps(t, "Agent interactions"), "contacts");
    assert_eq!(maps(t, "Company Name"), "customer_id");
    assert_eq!(maps(t, "Resolution time (in hrs)"), "extra");
    // 2003 was closed without a resolved time.
    assert_eq!(rules(t), [("Resolved time empty: Closed time used".to_string(), 1)]);
    assert_eq!(t.csat_responses, None);
    let r = report(&imp, "2024-03", "2024-03");
    // Resolved: 2001 (2.5 h, 1 interaction), 2002 (6 h: its resolved time, not the closing two days
    // later; 2 interactions), 2003 (12 h to its closing, 1). FCR 2 / 3; hours (2.5+6+12)/3.
    assert!(close(value(&r, "fcr"), 2.0 / 3.0));
    assert!(close(value(&r, "avg_resolution_hours"), 20.5 / 3.0));
    let json = serde_json::to_value(t).unwrap();
    assert!(json.get("csat_responses").is_none());
}

/// Intercom (inferred labels): last closed at is the resolution, teammate replies the contacts, the
/// 1-5 conversation rating a CSAT answer (4-5 positive).
#[test]
fn intercom_conversations() {
    let imp = import(&[fixture("intercom.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "tickets", "intercom_conversations", "Intercom conversations export");
    assert_eq!(maps(t, "Conversation ID"), "ticket_id");
    assert_eq!(maps(t, "Conversation started at"), "opened");
    assert_eq!(maps(t, "Conversation last closed at"), "resolved");
    assert_eq!(maps(t, "Teammate replies"), "contacts");
    assert_eq!(maps(t, "Company name"), "customer_id");
    assert_eq!(maps(t, "Conversation rating"), "satisfaction");
    assert_eq!(maps(t, "Time to close"), "extra");
    assert_eq!(t.csat_responses, Some(3));
    let r = report(&imp, "2024-03", "2024-03");
    // Closed: ...001 (0.5 h, 1 reply), ...002 (4 h, 2), ...004 (1.5 h, 1); ...003 is open.
    assert!(close(value(&r, "fcr"), 2.0 / 3.0));
    assert!(close(value(&r, "avg_resolution_hours"), 2.0));
    // Ratings 5, 2, 4: two positive of three.
    assert!(close(value(&r, "csat"), 2.0 / 3.0));
}

/// Help Scout (inferred labels): Closed At is the resolution; spam conversations are set aside; no
/// reply count, so FCR says what it needs.
#[test]
fn helpscout_conversations() {
    let imp = import(&[fixture("helpscout.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "tickets", "helpscout_conversations", "Help Scout conversations export");
    assert_eq!(maps(t, "Conversation ID"), "ticket_id");
    assert_eq!(maps(t, "Created At"), "opened");
    assert_eq!(maps(t, "Closed At"), "resolved");
    assert_eq!(maps(t, "Resolution Time"), "extra");
    assert_eq!(set_aside(t), [("spam (not a support request)".to_string(), 1)]);
    assert_eq!((t.rows_read, t.rows_used), (4, 4));
    let r = report(&imp, "2024-03", "2024-03");
    // Closed: 2750001 (8 h), 2750004 (24 h); 2750002 is active: (8 + 24) / 2.
    assert!(close(value(&r, "avg_resolution_hours"), 16.0));
    assert_eq!(r["kpis"]["fcr"]["value"], Value::Null);
    assert_eq!(r["kpis"]["fcr"]["reason"], "needs tickets column contacts or fcr");
}

// ---- Surveys (§7) ----

/// Google Forms (generic): the Timestamp as written (`GMT+1` ignored, nothing converted); questions
/// name their type; CSAT labels are 1-5 answers, positive at 4-5 whatever the scale.
#[test]
fn google_forms_responses() {
    let imp = import(&[fixture("google_forms.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.kind.map(|k| k.id()), Some("surveys"));
    assert_eq!(t.source, None);
    assert_eq!(maps(t, "Timestamp"), "date");
    assert_eq!(maps(t, "Email Address"), "respondent");
    assert_eq!(maps(t, "Company name"), "customer_id");
    assert_eq!(maps(t, "How likely are you to recommend Acme to a friend or colleague?"), "nps");
    assert_eq!(maps(t, "How satisfied are you with Acme overall?"), "csat");
    let r = report(&imp, "2024-03", "2024-03");
    // March (the 2024/04/01 12:30 AM GMT+1 answer is April as written, though 31 March in UTC):
    // NPS 10, 7, 3, 9: promoters 2, detractors 1: 100 x (2 - 1) / 4 = 25.
    assert!(close(value(&r, "nps"), 25.0));
    // CSAT Very satisfied 5, Satisfied 4, Dissatisfied 2, Neither 3: 2 / 4.
    assert!(close(value(&r, "csat"), 0.5));
    let ten = Settings { csat_scale: Some(10), ..Settings::default() };
    assert!(close(value(&report_with(&imp, "2024-03", "2024-03", &ten), "csat"), 0.5));
    let s = &imp.dataset.surveys[0];
    assert_eq!(
        (s.customer_id.as_deref(), s.date.to_string()),
        (Some("Acme Corp"), "2024-03-04".into())
    );
}

/// SurveyMonkey: the second header line is no data; End Date (the submission) beats Start Date;
/// Custom Data stays an extra; CSAT and CES labels are answers.
#[test]
fn surveymonkey_responses() {
    let imp = import(&[fixture("surveymonkey.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "surveys", "surveymonkey_responses", "SurveyMonkey responses export");
    assert_eq!(t.header_row, Some(2));
    assert_eq!((t.rows_read, t.rows_used), (4, 4));
    assert_eq!(maps(t, "End Date"), "date");
    assert_eq!(maps(t, "Respondent ID"), "respondent");
    assert_eq!(maps(t, "Custom Data 1"), "extra");
    assert_eq!(maps(t, "Acme made it easy for me to handle my issue."), "ces");
    let r = report(&imp, "2024-03", "2024-03");
    // The last response started on 29 February and was submitted on 1 March: a March response.
    // NPS 10, 8, 6, 9: promoters 2, detractors 1: 25.
    assert!(close(value(&r, "nps"), 25.0));
    assert_eq!(r["kpis"]["nps"]["n"], 4);
    // CSAT Very 5, Somewhat satisfied 4, Not so satisfied 2, Extremely 5: 3 / 4.
    assert!(close(value(&r, "csat"), 0.75));
    // CES Strongly agree 7, Agree 6, Somewhat disagree 3, Somewhat agree 5: mean 21 / 4, easy 3 / 4.
    assert!(close(value(&r, "ces_mean"), 5.25));
    assert!(close(value(&r, "ces_easy"), 0.75));
}

/// Qualtrics: three header lines (tags, labels, ImportId); Survey Preview rows set aside.
#[test]
fn qualtrics_responses() {
    let imp = import(&[fixture("qualtrics.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "surveys", "qualtrics_responses", "Qualtrics responses export");
    assert_eq!(t.header_row, Some(3));
    assert_eq!((t.rows_read, t.rows_used), (4, 4));
    assert_eq!(set_aside(t), [("Survey Preview (not a respondent)".to_string(), 1)]);
    assert_eq!(maps(t, "ResponseId"), "respondent");
    assert_eq!(maps(t, "ExternalReference"), "customer_id");
    assert_eq!(maps(t, "Status"), "status");
    assert_eq!(maps(t, "How likely are you to recommend Acme to a friend or colleague?"), "nps");
    // The Promoter/Detractor grouping of the same question is no score column.
    assert_eq!(maps(t, "Q1_NPS_GROUP"), "extra");
    assert_eq!(maps(t, "How satisfied are you with Acme support?"), "csat");
    assert_eq!(maps(t, "Acme made it easy to handle my issue."), "ces");
    let r = report(&imp, "2024-03", "2024-03");
    // Without the preview: NPS 9, 10, 4: 100 x (2 - 1) / 3.
    assert!(close(value(&r, "nps"), 100.0 / 3.0));
    // CSAT Very satisfied, Satisfied, Dissatisfied: 2 / 3.
    assert!(close(value(&r, "csat"), 2.0 / 3.0));
    // CES Strongly agree 7, Somewhat agree 5, Disagree 2: mean 14 / 3, easy 2 / 3.
    assert!(close(value(&r, "ces_mean"), 14.0 / 3.0));
    assert!(close(value(&r, "ces_easy"), 2.0 / 3.0));
    let ids: Vec<_> = imp.dataset.surveys.iter().filter_map(|s| s.customer_id.clone()).collect();
    assert!(ids.iter().all(|c| ["ACME-001", "GLOBEX-7", "INITECH-3"].contains(&c.as_str())));
}

/// Qualtrics downloaded with "Use numeric values" (the default): `Status` is a code. Previews (1,
/// 17), tests (2) and spam (8, 9, 12) are set aside like their labels; a real response (0), an
/// imported (4) and an offline one (16) are kept.
#[test]
fn qualtrics_numeric_status_codes() {
    let imp = import(&[fixture("qualtrics_numeric.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "surveys", "qualtrics_responses", "Qualtrics responses export");
    assert_eq!(maps(t, "Status"), "status");
    assert_eq!(maps(t, "Q1_NPS_GROUP"), "extra");
    assert_eq!((t.rows_read, t.rows_used, t.rows_skipped), (10, 10, 0));
    let aside = [
        ("Imported Spam (spam)", 1),
        ("Offline Survey Preview (not a respondent)", 1),
        ("Spam", 1),
        ("Survey Preview (not a respondent)", 1),
        ("Survey Preview Spam (spam)", 1),
        ("Survey Test (not a respondent)", 1),
    ];
    let aside: Vec<(String, usize)> = aside.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    assert_eq!(set_aside(t), aside);
    // Kept: 9 (0), 10 (4), 6 (16), 7 (0): promoters 2, detractors 1: 100 x (2 - 1) / 4 = 25.
    let r = report(&imp, "2024-04", "2024-04");
    assert!(close(value(&r, "nps"), 25.0));
    assert_eq!(r["kpis"]["nps"]["n"], 4);
}

/// Two questions of one type: only the first is read as the type's scores (one column per
/// type); one warning names the other and why, and how to use it instead.
#[test]
fn a_second_question_of_a_type_is_named() {
    let text = "Timestamp,Email Address,How likely are you to recommend Acme to a friend or colleague?,How likely are you to recommend our support team to a colleague?,Anything else?\n\
                2024/03/04 9:00:00 AM GMT+1,ana@acme.example,10,3,\n\
                2024/03/11 2:15:30 PM GMT+1,bo@globex.example,6,9,Slow invoices\n";
    let imp = import(&[csv("Customer survey (Responses) - Form responses 1.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    let (first, second) = (
        "How likely are you to recommend Acme to a friend or colleague?",
        "How likely are you to recommend our support team to a colleague?",
    );
    assert_eq!((maps(t, first), maps(t, second)), ("nps".into(), "extra".into()));
    let w: Vec<&str> = imp.report.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        w,
        [format!("\"{second}\" was not read as a score: the NPS scores are read from \"{first}\" (one column per survey type); map it in the Data view to use it instead")]
    );
    // NPS of the first question: 10 and 6: (1 - 1) / 2 = 0.
    assert!(close(value(&report(&imp, "2024-03", "2024-03"), "nps"), 0.0));
    // A first question holding words (a follow-up) is the comment; the next one of its type,
    // holding scores, is read.
    let text = "Timestamp,What would make you more likely to recommend us?,How likely are you to recommend Acme to a friend or colleague?\n\
                2024/03/04 9:00:00 AM GMT+1,Faster support,9\n\
                2024/03/11 2:15:30 PM GMT+1,Nothing,10\n";
    let imp = import(&[csv("survey.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!(maps(t, "What would make you more likely to recommend us?"), "comment");
    assert_eq!(maps(t, first), "nps");
    assert!(imp.report.warnings.is_empty(), "{:?}", imp.report.warnings);
    assert!(close(value(&report(&imp, "2024-03", "2024-03"), "nps"), 100.0));
}

/// Typeform: `#` is the respondent, Submit Date the date; partial responses set aside.
#[test]
fn typeform_responses() {
    let imp = import(&[fixture("typeform.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "surveys", "typeform_responses", "Typeform responses export");
    assert_eq!(maps(t, "#"), "respondent");
    assert_eq!(maps(t, "Submit Date (UTC)"), "date");
    assert_eq!(maps(t, "Start Date (UTC)"), "extra");
    assert_eq!(set_aside(t), [("partial response (never submitted)".to_string(), 1)]);
    let r = report(&imp, "2024-03", "2024-03");
    // March: 9 and 6 (the 10 of the last response was submitted on 1 April): (1 - 1) / 2 = 0.
    assert!(close(value(&r, "nps"), 0.0));
    assert_eq!(r["kpis"]["nps"]["n"], 2);
    // CSAT 5 and 3 on the 1-5 scale: 1 / 2.
    assert!(close(value(&r, "csat"), 0.5));
}

/// Delighted (inferred labels): the Score is the NPS answer; the time stamp as written.
#[test]
fn delighted_responses() {
    let imp = import(&[fixture("delighted.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "surveys", "delighted_responses", "Delighted NPS export");
    assert_eq!(maps(t, "Score"), "nps");
    assert_eq!(maps(t, "Response timestamp"), "date");
    assert_eq!(maps(t, "Comment"), "comment");
    assert_eq!(maps(t, "Company"), "customer_id");
    let r = report(&imp, "2024-03", "2024-03");
    // 10, 8, 3, 9 (31 March 22:10 -0800 is 31 March as written): promoters 2, detractors 1: 25.
    assert!(close(value(&r, "nps"), 25.0));
    assert_eq!(r["kpis"]["nps"]["n"], 4);
    assert_eq!(imp.dataset.surveys[2].comment.as_deref(), Some("Too expensive, and slow"));
}

/// Answers off their type's scale are issues naming the cell; an unknown label too.
#[test]
fn answers_off_the_scale_are_issues() {
    let text = "Timestamp,Company name,How likely are you to recommend Acme?,How satisfied are you with Acme?\n\
                2024/03/04 9:00:00 AM GMT+1,Acme,11,Satisfied\n\
                2024/03/05 9:00:00 AM GMT+1,Acme,9,Very satisfied\n\
                2024/03/06 9:00:00 AM GMT+1,Acme,8,6\n";
    let imp = import(&[csv("form.csv", text)]);
    assert_eq!(
        issues(&imp),
        [
            (
                2,
                "How likely are you to recommend Acme?".to_string(),
                "NPS score must be a whole number 0-10".to_string()
            ),
            (
                4,
                "How satisfied are you with Acme?".to_string(),
                "CSAT score must be a whole number on the CSAT scale".to_string()
            ),
        ]
    );
}

// ---- Product analytics (§8) ----

/// Mixpanel (the vendor's CSV helper: BOM, CRLF, `property_` columns): `time` in Unix seconds is the
/// UTC date; the company property is the customer; a row is an event.
#[test]
fn mixpanel_events() {
    let imp = import(&[fixture("mixpanel.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "usage", "mixpanel_events", "Mixpanel events export");
    assert_eq!(maps(t, "property_distinct_id"), "user_id");
    assert_eq!(maps(t, "property_time"), "date");
    assert_eq!(maps(t, "property_company"), "customer_id");
    assert_eq!(maps(t, "event"), "event");
    assert_eq!(t.rows_used, 7);
    let u = &imp.dataset.usage;
    assert_eq!(u[5].at.to_string(), "2024-03-31 23:59:59");
    assert_eq!(u[6].at.to_string(), "2024-04-01 00:00:01");
    assert!(u.iter().all(|e| e.seconds.is_none()));
    let r = report(&imp, "2024-03", "2024-03");
    // Distinct users a day in March: 1st {u1, u2}, 2nd {u1}, 15th {u3}, 31st {u2}: 5 / 31 days.
    assert!(close(value(&r, "dau"), 5.0 / 31.0));
    // u1, u2, u3 (u3's 1 April event is April).
    assert!(close(value(&r, "mau"), 3.0));
    assert!(close(value(&r, "stickiness"), 5.0 / 93.0));
    assert_eq!(r["kpis"]["avg_session_minutes"]["value"], Value::Null);
}

/// The same export without an extension, as Mixpanel's script names it: sniffed as CSV.
#[test]
fn mixpanel_file_without_extension() {
    let mut src = fixture("mixpanel.csv");
    src.name = "mixpanel_1717000000".into();
    let imp = import(&[src]);
    assert_eq!(imp.report.tables[0].source, Some("mixpanel_events"));
    assert_eq!(imp.report.tables[0].rows_used, 7);
    // Sniffed without a note (exports.md §2.8); a spreadsheet extension on text gets one.
    assert!(imp.report.warnings.is_empty(), "{:?}", imp.report.warnings);
    let mut src = fixture("mixpanel.csv");
    src.name = "mixpanel.xlsx".into();
    let imp = import(&[src]);
    assert!(imp.report.warnings.iter().any(|w| w.message.starts_with("this file is text (CSV)")));
}

/// Amplitude (inferred CSV of the export fields): `amplitude_id` is the user (Amplitude's own count;
/// `user_id` is blank before login); `event_time` with microseconds.
#[test]
fn amplitude_events() {
    let imp = import(&[fixture("amplitude.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = table(&imp, "usage", "amplitude_events", "Amplitude events export");
    assert_eq!(maps(t, "amplitude_id"), "user_id");
    assert_eq!(maps(t, "event_time"), "date");
    assert_eq!(maps(t, "event_type"), "event");
    assert_eq!(maps(t, "user_id"), "extra");
    let r = report(&imp, "2024-03", "2024-03");
    // 1st {501 (anonymous, then logged in), 502}, 5th {501}, 20th {503}: 4 / 31; MAU 3.
    assert!(close(value(&r, "dau"), 4.0 / 31.0));
    assert!(close(value(&r, "mau"), 3.0));
}

// ---- Near misses: a signature incomplete is not that export, nor another kind ----

#[test]
fn near_misses_are_not_taken_for_another_kind() {
    let kind = |name: &str, text: &str| {
        let imp = import(&[csv(name, text)]);
        let t = &imp.report.tables[0];
        (t.kind.map(|k| k.id()), t.source)
    };
    // A payments file without Amount Refunded: an id and a date are no ticket.
    let payments = "id,Created (UTC),Amount,Status\nch_1,2024-03-04 10:00,19.00,Paid\n";
    assert_ne!(kind("export.csv", payments).0, Some("tickets"));
    // Zendesk without Replies: still tickets (an id beside Solved at), not the export.
    let zendesk = "Id,Created at,Solved at,Organization,Satisfaction Score\n\
                   1,2024-03-04 09:00,2024-03-04 10:00,Acme,Good\n";
    assert_eq!(kind("export.csv", zendesk), (Some("tickets"), None));
    // Mixpanel without distinct_id: no user, so no usage.
    let events = "event,property_time,property_company\nLogin,1709283600,Acme\n";
    assert_ne!(kind("export.csv", events).0, Some("usage"));
    // Typeform without Submit Date: a survey dated by its start, not the export.
    let typeform =
        "#,Start Date (UTC),How likely are you to recommend Acme?\nabc,2024-03-04 09:00:00,9\n";
    assert_eq!(kind("export.csv", typeform), (Some("surveys"), None));
    // Amplitude without amplitude_id: user_id and event_time are generic usage, not the export.
    let amplitude = "event_type,user_id,event_time\nLogin,u1,2024-03-01 09:00:00.000000\n";
    assert_eq!(kind("export.csv", amplitude).1, None);
}

/// A generic survey with both a start and a submission column is dated by the submission.
#[test]
fn a_generic_survey_is_dated_by_its_submission() {
    let text = "Respondent,Start Date,Submitted At,NPS\nA,2024-02-29 23:50,2024-03-01 00:10,9\n";
    let imp = import(&[csv("nps.csv", text)]);
    assert_eq!(maps(&imp.report.tables[0], "Submitted At"), "date");
    assert_eq!(imp.dataset.surveys[0].date.to_string(), "2024-03-01");
}
