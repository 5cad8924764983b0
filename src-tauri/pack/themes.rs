//! The "What customers say" page: the themes of the period's comments (crate::voice) with their
//! sentiment, share in each NPS group and the MRR of the customers who mention them, and in their
//! own words the most negative comment of the themes detractors mention most.

use super::layout::{
    Align, Canvas, Style, BAD, BODY, GOOD, INK, LABEL, MARGIN, MUTED, SMALL, SUBHEADING,
};
use super::pages::money;
use super::PackInput;
use crate::kpi::ReportRequest;
use crate::model::Dataset;
use crate::settings::Settings;
use crate::voice::{ThemeEdits, Voice};
use rust_decimal::Decimal;

/// Themes in the table: what fits one page, readable.
const ROWS: usize = 10;
/// Themes quoted under "In their words".
const QUOTES: usize = 3;

/// The voice of the view's period and segment, with the user's theme edits; None without comments
/// (the page is then left out).
pub fn gather(
    d: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    edits: &ThemeEdits,
) -> Option<Voice> {
    let v = crate::voice::of_view(d, req.from, req.to, req.segment.as_ref(), settings, edits)?;
    (v.comments > 0).then_some(v)
}

fn count(n: usize) -> String {
    crate::kpi::display::value_text(Decimal::from(n), crate::kpi::Unit::Count, "", "")
}

/// A sentiment with its sign, the minus as the pack writes it.
fn signed(x: Decimal) -> String {
    // Rounded first: Decimal's formatting cuts digits rather than rounding them.
    format!("{:+.2}", x.round_dp(2)).replace('-', "\u{2212}")
}

fn pct(share: Option<Decimal>) -> String {
    share
        .map(|s| format!("{:.0}%", (s * Decimal::from(100)).round_dp(0)))
        .unwrap_or_else(|| "—".into())
}

fn sentiment(s: Option<Decimal>) -> (String, Style) {
    match s {
        Some(x) => {
            let color = if x >= Decimal::new(5, 2) {
                GOOD
            } else if x <= Decimal::new(-5, 2) {
                BAD
            } else {
                INK
            };
            (signed(x), Style::new(9.5, false, color))
        }
        None => ("—".into(), BODY),
    }
}

pub(super) fn page(c: &mut Canvas, input: &PackInput, top: f32) {
    let Some(v) = &input.voice else { return };
    let x = MARGIN;
    let right = c.width - MARGIN;
    let w = right - x;
    let avg = v.sentiment.map(signed).unwrap_or_else(|| "—".into());
    let intro = format!(
        "{} comments in the period (survey comments and ticket subjects), {} scored for sentiment \
         (English); average sentiment {avg} on a scale from \u{2212}1 (negative) to +1 (positive).",
        count(v.comments),
        count(v.scored)
    );
    let mut y = c.paragraph(x, top, &intro, BODY, w) + 8.0;
    let at = |share: f32| x + w * share;
    let cols = [
        (at(0.0), "THEME", Align::Left),
        (at(0.42), "COMMENTS", Align::Right),
        (at(0.52), "SENTIMENT", Align::Right),
        (at(0.63), "DETRACTORS", Align::Right),
        (at(0.73), "PASSIVES", Align::Right),
        (at(0.83), "PROMOTERS", Align::Right),
        (right, "MRR OF CUSTOMERS", Align::Right),
    ];
    for (px, t, al) in cols {
        c.text(px, y, t, LABEL, al);
    }
    let row_h = 18.0;
    y += row_h;
    for t in v.themes.iter().take(ROWS) {
        c.text(
            cols[0].0,
            y,
            &c.fit(&t.name, BODY, w * 0.36),
            Style::new(9.5, true, INK),
            Align::Left,
        );
        c.text(cols[1].0, y, &count(t.comments), BODY, Align::Right);
        let (s, style) = sentiment(t.sentiment);
        c.text(cols[2].0, y, &s, style, Align::Right);
        for (k, g) in ["detractors", "passives", "promoters"].iter().enumerate() {
            let share = t.by_nps_group.get(g).and_then(|s| s.share);
            c.text(cols[3 + k].0, y, &pct(share), BODY, Align::Right);
        }
        let mrr = t.mrr.value.map(|m| money(input, "mrr", m)).unwrap_or_else(|| "—".into());
        c.text(cols[6].0, y, &mrr, BODY, Align::Right);
        c.hrule(x, y + row_h * 0.4, w);
        y += row_h;
    }
    if v.themes.is_empty() {
        c.text(x, y, "Too few comments share a topic to make themes.", BODY, Align::Left);
        y += row_h;
    }
    y += 10.0;
    let quoted = quotes(v);
    if !quoted.is_empty() {
        c.text(x, y, "In their words: what detractors mention most", SUBHEADING, Align::Left);
        y += 18.0;
        for (theme, text) in quoted {
            c.text(x, y, &c.fit(&theme, BODY, w * 0.2), Style::new(9.5, true, INK), Align::Left);
            y = c.paragraph(
                x + w * 0.22,
                y,
                &format!("“{text}”"),
                Style::new(9.5, false, MUTED),
                w * 0.78,
            ) + 4.0;
        }
    }
    let note = format!(
        "Sentiment: VADER (Hutto & Gilbert 2014), the mean compound score of a theme's scored comments; \
         {}. A theme groups the comments whose key phrases share a word stem; a comment can be in \
         two. Detractors, passives, promoters: the theme's share of each NPS group's comments. MRR: \
         the customers who mention the theme, at the end of the period.",
        v.languages
    );
    c.paragraph(x, c.height - MARGIN - 24.0, &note, SMALL, w);
}

/// For the themes with the largest share of detractors' comments, the most negative comment of a
/// detractor (trimmed to a line or two).
fn quotes(v: &Voice) -> Vec<(String, String)> {
    let mut ranked: Vec<_> = v
        .themes
        .iter()
        .filter_map(|t| Some((t, t.by_nps_group.get("detractors")?.share?)))
        .filter(|(_, s)| !s.is_zero())
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    ranked
        .into_iter()
        .take(QUOTES)
        .filter_map(|(t, _)| {
            let worst = t
                .members
                .iter()
                .map(|m| &v.per_comment[*m as usize])
                .filter(|c| c.nps_group == Some(crate::voice::NpsGroup::Detractor))
                .filter_map(|c| Some((c.sentiment?, c)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.text.cmp(&b.1.text)))?;
            let text: String = worst.1.text.chars().take(220).collect();
            let text = if worst.1.text.chars().count() > 220 {
                format!("{}…", text.trim_end())
            } else {
                text
            };
            Some((t.name.clone(), text))
        })
        .collect()
}
