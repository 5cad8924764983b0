//! The pack's vector charts: the MRR bridge (waterfall), line charts, the cohort heatmap and
//! score bars. Each draws into a box (x, y = top-left, w, h) with its labels inside the box. Values
//! are f64 here: they only place ink; every number written is formatted by the caller from the
//! exact Decimal.

use super::layout::{Align, Canvas, Color, Style, ACCENT, BAD, GOOD, INK, MUTED, RULE, SMALL};

/// One bar of the bridge: a total (drawn from 0) or a step (drawn from the running total).
pub struct Step {
    pub label: String,
    pub value: f64,
    pub total: bool,
    /// The number written above the bar.
    pub text: String,
}

const TICK: Style = Style::new(7.5, false, MUTED);
const VALUE: Style = Style::new(8.0, true, INK);
/// A value written instead of a chart.
const BIG: Style = Style::new(14.0, true, INK);

/// The MRR bridge: the opening MRR, each movement up or down from the running total, the closing
/// MRR.
pub fn bridge(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32, steps: &[Step]) {
    if steps.is_empty() {
        return;
    }
    // The running total before and after each bar, to scale the axis.
    let mut run = 0.0;
    let mut spans = Vec::with_capacity(steps.len());
    for s in steps {
        let (a, b) = if s.total { (0.0, s.value) } else { (run, run + s.value) };
        run = b;
        spans.push((a, b));
    }
    let lo = spans.iter().map(|(a, b)| a.min(*b)).fold(0.0_f64, f64::min);
    let hi = spans.iter().map(|(a, b)| a.max(*b)).fold(0.0_f64, f64::max);
    let (top, bottom) = (y + 16.0, y + h - 28.0);
    let scale = |v: f64| -> f32 {
        if hi <= lo {
            return bottom;
        }
        bottom - ((v - lo) / (hi - lo)) as f32 * (bottom - top)
    };
    let slot = w / steps.len() as f32;
    let bar = slot * 0.6;
    c.hrule(x, scale(0.0), w);
    for (k, (s, (a, b))) in steps.iter().zip(&spans).enumerate() {
        let bx = x + slot * k as f32 + (slot - bar) / 2.0;
        let (ya, yb) = (scale(*a), scale(*b));
        let color = if s.total {
            ACCENT
        } else if s.value >= 0.0 {
            GOOD
        } else {
            BAD
        };
        c.rect(bx, ya.min(yb), bar, (ya - yb).abs(), color);
        // A connector from this bar's end to the next bar's start.
        if k + 1 < steps.len() {
            c.line(&[(bx + bar, yb), (bx + slot, yb)], RULE, 0.6);
        }
        c.text(bx + bar / 2.0, ya.min(yb) - 4.0, &s.text, VALUE, Align::Center);
        let label = c.fit(&s.label, SMALL, slot - 2.0);
        c.text(bx + bar / 2.0, y + h - 12.0, &label, SMALL, Align::Center);
    }
}

/// A line series: its name, colour and one value per month (None = unknown, a gap).
pub struct Series {
    pub name: String,
    pub color: Color,
    pub values: Vec<Option<f64>>,
}

/// Gridline values from `lo` to `hi`: multiples of 1, 2 or 5 × 10^k, the finest step giving at
/// most 5 intervals, first and last at or beyond the data.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).abs().max(lo.abs().max(hi.abs()) * 1e-3).max(1e-9);
    let mut exp = (span / 5.0).log10().floor() as i32;
    loop {
        for m in [1.0, 2.0, 5.0] {
            let step = m * 10f64.powi(exp);
            let (a, b) = ((lo / step).floor() as i64, (hi / step).ceil() as i64);
            if b - a <= 5 {
                let b = if a == b { b + 1 } else { b };
                return (a..=b).map(|k| k as f64 * step).collect();
            }
        }
        exp += 1;
    }
}

/// Lines over months with gridlines at round values labelled by `fmt`, the months below, a legend
/// on top, and a darker line at `reference` (100% for NRR/GRR). With no two known months in a row
/// there is no line to draw: the values are written instead. Says so in the box when no series has
/// a value.
pub fn lines(
    c: &mut Canvas,
    (x, y, w, h): (f32, f32, f32, f32),
    series: &[Series],
    months: &[String],
    fmt: &dyn Fn(f64) -> String,
    reference: Option<f64>,
) {
    let known: Vec<f64> = series.iter().flat_map(|s| s.values.iter().flatten().copied()).collect();
    if known.is_empty() {
        c.text(x, y + 30.0, "No month of the period has a value.", SMALL, Align::Left);
        return;
    }
    let drawable =
        series.iter().any(|s| s.values.windows(2).any(|p| p[0].is_some() && p[1].is_some()));
    if !drawable {
        let mut ty = y + 30.0;
        for s in series {
            for (v, m) in s.values.iter().zip(months) {
                if let Some(v) = v {
                    c.text(x, ty, &format!("{} {m}: {}", s.name, fmt(*v)), BIG, Align::Left);
                    ty += 20.0;
                }
            }
        }
        return;
    }
    // Legend.
    let mut lx = x + 44.0;
    for s in series {
        c.rect(lx, y + 2.0, 10.0, 3.0, s.color);
        c.text(lx + 14.0, y + 7.0, &s.name, SMALL, Align::Left);
        lx += 24.0 + c.width_of(&s.name, SMALL);
    }
    let mut lo = known.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if let Some(r) = reference {
        lo = lo.min(r);
        hi = hi.max(r);
    }
    let grid = ticks(lo, hi);
    lo = grid.first().copied().unwrap_or(lo);
    hi = grid.last().copied().unwrap_or(hi);
    let (left, top, bottom) = (x + 44.0, y + 18.0, y + h - 18.0);
    let right = x + w - 6.0;
    let vy = |v: f64| bottom - ((v - lo) / (hi - lo)) as f32 * (bottom - top);
    for v in &grid {
        let gy = vy(*v);
        c.line(&[(left, gy), (right, gy)], RULE, 0.5);
        c.text(left - 4.0, gy + 2.5, &fmt(*v), TICK, Align::Right);
    }
    if let Some(r) = reference {
        c.line(&[(left, vy(r)), (right, vy(r))], MUTED, 1.0);
    }
    let n = months.len().max(1);
    let mx = |k: usize| {
        if n == 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * k as f32 / (n - 1) as f32
        }
    };
    // Month labels: every one when they fit, else every other.
    let every = if (right - left) / n as f32 > 34.0 { 1 } else { 2 };
    for (k, m) in months.iter().enumerate() {
        if (n - 1 - k).is_multiple_of(every) {
            c.text(mx(k), y + h - 5.0, m, TICK, Align::Center);
        }
    }
    for s in series {
        // Unknown months break the line.
        let mut run: Vec<(f32, f32)> = Vec::new();
        for (k, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => {
                    c.dot(mx(k), vy(*v), 1.6, s.color);
                    run.push((mx(k), vy(*v)));
                }
                None => {
                    c.line(&run, s.color, 1.6);
                    run.clear();
                }
            }
        }
        c.line(&run, s.color, 1.6);
    }
}

/// The cohort heatmap: one row per cohort, one column per age in months, each cell shaded by its
/// retention and written as a whole percentage.
pub fn heatmap(
    c: &mut Canvas,
    (x, y, w, h): (f32, f32, f32, f32),
    rows: &[(String, String, Vec<f64>)],
    ages: usize,
) {
    if rows.is_empty() || ages == 0 {
        c.text(
            x,
            y + 20.0,
            "No cohort starts in the data up to the period's end.",
            SMALL,
            Align::Left,
        );
        return;
    }
    let (label_w, size_w) = (58.0, 40.0);
    let cell_w = (w - label_w - size_w) / ages as f32;
    let cell_h = ((h - 16.0) / rows.len() as f32).min(22.0);
    let head = Style::new(7.5, true, MUTED);
    c.text(x, y + 9.0, "Cohort", head, Align::Left);
    c.text(x + label_w + size_w - 6.0, y + 9.0, "Size", head, Align::Right);
    for a in 0..ages {
        let cx = x + label_w + size_w + cell_w * (a as f32 + 0.5);
        c.text(cx, y + 9.0, &format!("M{a}"), head, Align::Center);
    }
    let cell_text = Style::new(if cell_w < 30.0 { 6.5 } else { 7.5 }, false, INK);
    for (r, (label, size, cells)) in rows.iter().enumerate() {
        let ry = y + 14.0 + cell_h * r as f32;
        c.text(x, ry + cell_h / 2.0 + 3.0, label, SMALL, Align::Left);
        c.text(x + label_w + size_w - 6.0, ry + cell_h / 2.0 + 3.0, size, SMALL, Align::Right);
        for (a, v) in cells.iter().enumerate().take(ages) {
            let cx = x + label_w + size_w + cell_w * a as f32;
            let shade = ACCENT.tint((*v as f32).clamp(0.0, 1.0) * 0.85 + 0.05);
            c.rect(cx + 0.5, ry + 0.5, cell_w - 1.0, cell_h - 1.0, shade);
            let ink = if *v > 0.55 { Color(255, 255, 255) } else { INK };
            let pct = format!("{:.0}%", v * 100.0);
            c.text(
                cx + cell_w / 2.0,
                ry + cell_h / 2.0 + 2.5,
                &pct,
                Style { color: ink, ..cell_text },
                Align::Center,
            );
        }
    }
}

/// Counts per score as bars, the count above each bar and the score below; `color` gives each
/// bar's colour from its index.
pub fn bars(
    c: &mut Canvas,
    (x, y, w, h): (f32, f32, f32, f32),
    labels: &[String],
    counts: &[usize],
    color: &dyn Fn(usize) -> Color,
) {
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        c.text(x, y + 20.0, "No response in the period.", SMALL, Align::Left);
        return;
    }
    let (top, bottom) = (y + 14.0, y + h - 16.0);
    let slot = w / counts.len().max(1) as f32;
    let bar = slot * 0.7;
    c.hrule(x, bottom, w);
    for (k, n) in counts.iter().enumerate() {
        let bh = (bottom - top) * *n as f32 / max as f32;
        let bx = x + slot * k as f32 + (slot - bar) / 2.0;
        c.rect(bx, bottom - bh, bar, bh, color(k));
        c.text(bx + bar / 2.0, bottom - bh - 3.0, &n.to_string(), TICK, Align::Center);
        if let Some(l) = labels.get(k) {
            c.text(bx + bar / 2.0, y + h - 5.0, l, TICK, Align::Center);
        }
    }
}

#[cfg(test)]
mod tests {
    /// NRR from 94.9% to 102.8%: a span of 0.079, steps of 0.01 would need 9 intervals (94..103),
    /// steps of 0.02 need 5 (0.94 = 47 × 0.02 .. 1.04 = 52 × 0.02): 94%, 96%, ..., 104%.
    /// Churn 0.74%..2.9%: 0.005 gives 0.005..0.030, 5 intervals.
    #[test]
    fn ticks_are_round() {
        let pct = |v: &[f64]| v.iter().map(|x| (x * 1000.0).round() as i64).collect::<Vec<_>>();
        assert_eq!(pct(&super::ticks(0.949, 1.028)), [940, 960, 980, 1000, 1020, 1040]);
        assert_eq!(pct(&super::ticks(0.0074, 0.029)), [5, 10, 15, 20, 25, 30]);
        // One value: a step around it.
        assert_eq!(super::ticks(1.0, 1.0).len(), 2);
    }
}
