import { describe, expect, it } from "vitest";
import { attributeLabel, columnLabel, columnWords, componentText, dateLabel, kindLabel, mappingNote, mapsToLabel, plainKeys, sheetPhrase } from "./words";

describe("plain words for the engine's keys", () => {
  it("names canonical columns as a leader reads them", () => {
    expect(columnLabel("customer_id")).toBe("Customer ID");
    expect(columnLabel("seats_purchased")).toBe("Seats purchased");
    expect(columnLabel("first_value_date")).toBe("First value date");
    expect(columnLabel("some_new_column")).toBe("Some new column");
    expect(columnWords("onboarding_start")).toBe("onboarding start date");
    expect(columnWords("csm")).toBe("CSM");
    expect(columnWords("customer_id")).toBe("customer ID");
  });
  it("says what a mapped column is used as", () => {
    expect(mapsToLabel("month 2024-05", "mrr")).toBe("month 2024-05");
    expect(mapsToLabel("extra", "customers")).toBe("kept as an attribute");
    expect(mapsToLabel("extra", "mrr")).toBe("not used");
    expect(mapsToLabel("seats_active", "customers")).toBe("Seats active");
  });
  it("gives every sheet its article", () => {
    expect(sheetPhrase("mrr")).toBe("an MRR sheet");
    expect(sheetPhrase("usage")).toBe("a usage sheet");
    expect(sheetPhrase("orders")).toBe("an orders sheet");
    expect(sheetPhrase("unknown_kind")).toBe("an unknown kind sheet");
    expect(kindLabel("tickets")).toBe("Support tickets");
    expect(kindLabel("mrr_summary")).toBe("MRR summary");
  });
  it("names attributes in menus", () => {
    expect(["segment", "plan", "csm", "region", "industry", "company size"].map(attributeLabel)).toEqual(["Segment", "Plan", "CSM", "Region", "Industry", "Company size"]);
  });
  it("replaces keys in a sentence, not in file names", () => {
    expect(plainKeys("the mrr_summary has no row")).toBe("the MRR summary has no row");
    expect(plainKeys("every row of mrr_summary.csv was refused")).toBe("every row of mrr_summary.csv was refused");
    expect(plainKeys("columns seats_purchased and seats_active")).toBe("columns seats purchased and seats active");
  });
  it("writes dates and health components with their units", () => {
    expect(dateLabel("2026-12-15")).toBe("15 Dec 2026");
    expect(dateLabel(null)).toBe("—");
    expect(componentText(44.4, "percent")).toBe("44%");
    expect(componentText(70, "score")).toBe("70/100");
    expect(componentText(null, "score")).toBe("—");
  });
});

describe("the Data view's note on a table's mapping", () => {
  it("names the day a remembered correction was saved", () => {
    expect(mappingNote({ mapping: "remembered", mapping_saved: "2024-06-03T09:15:00Z" })).toBe("using your mapping from 3 Jun 2024");
    expect(mappingNote({ mapping: "remembered", mapping_saved: null })).toBe("using your mapping");
    expect(mappingNote({ mapping: "file" })).toBe("using your mapping for this file");
    expect(mappingNote({ mapping: null })).toBeNull();
    expect(mappingNote({})).toBeNull();
  });
});
