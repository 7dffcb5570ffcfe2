// Header matching lives in pipeline/shared/rowRules.ts, one definition for the loader and the browser's file check
// (which must refuse the same files with the same words); here it is typed with the loader's full contracts.
import type {Contract} from "./contractSchema.ts";
import {
  matchHeaders as matchShared,
  recognizeFeed as recognizeShared,
  type HeaderMatch as SharedHeaderMatch,
} from "../shared/rowRules.ts";

/** How a file's header row maps onto one contract. */
export type HeaderMatch = SharedHeaderMatch<Contract>;

/** Map headers to a contract's columns by name and aliases. Pure. */
export function matchHeaders(headers: string[], contract: Contract): HeaderMatch {
  return matchShared(headers, contract);
}

/** Recognise which feed a file is from its headers (see pipeline/shared/rowRules.ts). */
export function recognizeFeed(headers: string[], contracts: Contract[], feed?: string): HeaderMatch | {refuse: string} {
  return recognizeShared(headers, contracts, feed);
}
