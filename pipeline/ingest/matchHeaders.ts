// Header matching lives in pipeline/ingest/rowRules.ts, one definition for the loader and the browser's file check
// (which must refuse the same files with the same words); its generics give the loader's full contracts back.
import type {Contract} from "./contractSchema.ts";
import type {HeaderMatch as SharedHeaderMatch} from "./rowRules.ts";

export {recognizeFeed} from "./rowRules.ts";

/** How a file's header row maps onto one of the loader's contracts. */
export type HeaderMatch = SharedHeaderMatch<Contract>;
