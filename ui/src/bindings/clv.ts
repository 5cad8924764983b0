// Generated from the Rust types by ts-rs (src-tauri/bindings): do not edit.
// `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` writes the
// files again; that test fails while they are stale.

/**
 * The fitted model.
 */
export type BgNbdFit = { 
/**
 * The log-likelihood of the purchase histories as Fader, Hardie & Lee (and the lifetimes
 * package) write it: a density of the purchase times, so it depends on the time unit by the
 * Jacobian of the change of unit, Σx · ln k for units k times as long (see `in_units_of`).
 */
log_likelihood: number, 
/**
 * When the best fit lies on the edge of what the model can express (a parameter growing
 * without limit or shrinking to 0), what that means, in plain words; None for an ordinary fit.
 * The figures are those of the best fit within the limits, all finite.
 */
boundary: string | null, r: number, alpha: number, a: number, b: number, };

export type ClvAnalysis = { calibration_end: string, unit: ClvUnit, horizon: number, discount_rate: number, customers: number, repeat_customers: number, 
/**
 * Orders left out for a negative amount (refunds).
 */
skipped_orders: number, 
/**
 * Orders of amount 0: purchases, with no spend.
 */
free_orders: number, bgnbd: BgNbdFit, gamma_gamma: GammaGammaParams, expected_repeat_purchases: number, mean_p_alive: number, 
/**
 * Customers by P(alive) in tenths: [0, 0.1), ..., [0.9, 1].
 */
p_alive_histogram: [number, number, number, number, number, number, number, number, number, number], top_customers: Array<CustomerValue>, 
/**
 * High past spend (top quarter) and P(alive) below one half, by past spend.
 */
at_risk: Array<CustomerValue>, tracking: Array<ClvTrackPoint>, 
/**
 * The tracking unit in which the calibration end falls.
 */
tracking_calibration_unit: number, 
/**
 * The fitted models in the terms a reader can use.
 */
in_words: ClvInWords, holdout: ClvHoldout | null, total_clv: number, 
/**
 * Every customer has the same expected spend a purchase, to the cent: the Gamma-Gamma fit
 * could not tell customers' spend apart and gives everyone the average.
 */
spend_alike: boolean, 
/**
 * What a degenerate fit means, in plain words: the same expected spend for everyone or a
 * Gamma-Gamma parameter above `DEGENERATE`, and BG/NBD parameters above it (when `boundary`
 * does not already say so).
 */
degenerate: Array<string>, };

/**
 * The period after the calibration end, when the data cover it: actual repeat transactions
 * against the model's expectation.
 */
export type ClvHoldout = { from: string, to: string, actual: number, expected: number, 
/**
 * expected / actual − 1.
 */
difference: number, };

/**
 * The models' parameters as the quantities they imply.
 */
export type ClvInWords = { 
/**
 * The average purchase rate of active customers, per unit: r / α.
 */
purchases_per_unit: number, 
/**
 * The average chance of stopping for good after a purchase: a / (a + b).
 */
dropout_after_purchase: number, 
/**
 * The average spend per purchase across customers: pγ / (q − 1).
 */
mean_spend: number, };

/**
 * Cumulative repeat transactions of the cohort by unit: actual and as the model expects.
 */
export type ClvTrackPoint = { unit: number, actual: number, expected: number, };

/**
 * The time unit of t_x, T and the horizon.
 */
export type ClvUnit = "day" | "week" | "month";

/**
 * One customer's prediction.
 */
export type CustomerValue = { customer_id: string, x: number, t_x: number, T: number, p_alive: number, 
/**
 * Expected transactions over the horizon.
 */
expected_purchases: number, 
/**
 * Expected mean transaction value (Gamma-Gamma).
 */
expected_avg_value: number, 
/**
 * Discounted expected spend over the horizon.
 */
clv: number, 
/**
 * Spend up to the calibration end.
 */
past_spend: number, };

export type GammaGammaParams = { p: number, q: number, gamma: number, };
