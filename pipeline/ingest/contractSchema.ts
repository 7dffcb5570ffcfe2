import {z} from "zod";
import {identifier} from "../catalog/schema.ts";

/**
 * A feed contract (`sources/feeds/<feed>.yaml`): what one kind of file an office sends must hold.
 * The loader, the browser file check and the demo generator all read these; nothing about a feed is
 * written in code.
 */

/** Text a contract puts into SQL as a literal: no quotes, backslashes or control characters, ever. */
const inertText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^'"\\\u0000-\u001f]+$/, "must not contain quotes, backslashes or control characters");

const columnType = z.enum(["varchar", "integer", "double", "boolean", "date", "timestamp", "month"]);
export type ColumnType = z.infer<typeof columnType>;

/** What a column's values must name, checked against the catalog's dimension tables. */
const reference = z.enum(["area", "unit", "metric", "task"]);

const contractColumn = z
  .strictObject({
    name: identifier,
    type: columnType,
    required: z.boolean().default(false),
    /** Unit of measure, for people and for the `_yuan`/`_kw`-style naming convention (yuan, kW, percent, hour, …). */
    unit: z.string().optional(),
    description_en: z.string().min(1),
    /** Headers an office export may carry for this column (Chinese first). Matched after trimming, case-insensitively. */
    aliases: z.array(inertText).default([]),
    /**
     * Timestamp columns: headers of a separate time-of-day column that completes this column's date when an office
     * keeps the two apart (受理日期 + 受理时间). Used as the time part only beside a header of the column itself;
     * alone, such a header is the column (受理时间 holding date and time).
     */
    time_aliases: z.array(inertText).optional(),
    /** The only values allowed (after `value_aliases` are applied). */
    allowed: z.array(z.union([z.string().regex(/^[a-z0-9_]+$/), z.number()])).optional(),
    /** Values offices write, mapped to the allowed value: 网上办理 → online, 非常满意 → 5. */
    value_aliases: z.record(inertText, z.union([z.string().regex(/^[a-z0-9_]+$/), z.number()])).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** The value may not be earlier/smaller than this other column's (completed after applied; online ≤ in scope). */
    at_least: identifier.optional(),
    at_most: identifier.optional(),
    /** The value must name a known area, unit, metric or task of the catalog. */
    references: reference.optional(),
    /** Personal data: kept in the warehouse for audit, never exported to marts or the site. */
    personal: z.boolean().default(false),
    /**
     * An identifier (case number, credit code) that Excel mangles when it takes it for a number (6.30102E+17, an
     * 18-digit number with its last digits turned to 0): such values are rejected. Defaults to varchar key columns
     * and varchar columns named *_id or with an alias ending in 编号 (see `isIdentifier`).
     */
    identifier: z.boolean().optional(),
  })
  .refine((c) => c.allowed === undefined || c.type === "varchar" || c.type === "integer", {
    message: "allowed values are for varchar and integer columns",
  })
  .refine((c) => c.identifier !== true || c.type === "varchar", {message: "identifiers are varchar columns"})
  .refine((c) => (c.min === undefined && c.max === undefined) || ["integer", "double"].includes(c.type), {
    message: "min and max are for numeric columns",
  })
  .refine((c) => c.time_aliases === undefined || c.type === "timestamp", {
    message: "time_aliases are for timestamp columns",
  });

export const contractFile = z.strictObject({
  feed: identifier,
  version: z.int().positive(),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  description_en: z.string().min(1),
  /** The office that sends it, as a unit id of the catalog. */
  source_unit: identifier.optional(),
  /** In words: what one row is. */
  grain: z.string().min(1),
  /** Columns that identify a row; a second row with the same key is rejected. */
  key: z.array(identifier).min(1),
  /**
   * For feeds whose reports update a case (open in May, completed in June): the key is sent again with a new state,
   * and the latest report wins instead of being rejected as a duplicate. The columns, in order, that say which report
   * is later (each compared with an empty value earliest: an open case before a completed one); the load order breaks
   * ties. Absent: a key already loaded is rejected (`duplicate_loaded`).
   */
  report_order: z.array(identifier).min(1).optional(),
  /** Column naming the area (validated against the area registry), if the feed has one. */
  area_column: identifier.optional(),
  /** Column whose latest value says how current the feed is (its data-as-of date). */
  as_of_column: identifier,
  /** Metrics of the catalog this feed measures. */
  metrics: z.array(identifier).default([]),
  /**
   * The plausible window of every date, timestamp and month column starts here (YYYY-MM-DD) and ends at the load's
   * now: earlier values (a two-digit year read as year 23, a serial date from 1900) are rejected with their reason.
   */
  earliest_date: z.iso.date().optional(),
  freshness: z.strictObject({
    /** Days since the data-as-of date after which the feed shows a warning, then an error. */
    warn_after_days: z.int().positive(),
    error_after_days: z.int().positive(),
  }),
  columns: z.array(contractColumn).min(1),
});

export type ContractColumn = z.infer<typeof contractColumn>;
export type Contract = z.infer<typeof contractFile> & {
  /** sha256 of the contract file: recorded with every load. */
  sha256: string;
  /** Path of the contract file, relative to the project. */
  file: string;
};
