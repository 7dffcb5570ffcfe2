// The plan catalog as the dashboards receive it (data/catalog.json): the public `PlanJson` of pipeline/catalog, which
// is also what `bizenv plan --json` prints. Type-only: Framework erases these imports, no pipeline code reaches the
// browser, and tsc flags any component that falls out of step with the catalog.
import type {PlanJson} from "../../pipeline/catalog/index.ts";

export type {PlanJson};
export type Tier = PlanJson["tiers"][number];
export type Action = PlanJson["actions"][number];
export type Indicator = PlanJson["indicators"][number];
export type Target = PlanJson["targets"][number];
