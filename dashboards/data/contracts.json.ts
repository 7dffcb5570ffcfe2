// Data loader for data/contracts.json: the feed contracts (sources/feeds/*.yaml), only what the row rules need, and
// the names the catalog lets feeds use for areas, units, metrics and tasks: the File check page's rulebook.
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {runLoader} from "../../pipeline/export/readExports.ts";
import {referencesFromCatalog, type RuleContract} from "../../pipeline/ingest/rowRules.ts";

runLoader("contracts.json", () => {
  const catalog = loadCatalog();
  const contracts: RuleContract[] = loadContracts(catalog).map((c) => ({
    feed: c.feed,
    name_zh: c.name_zh,
    name_en: c.name_en,
    key: c.key,
    earliest_date: c.earliest_date,
    columns: c.columns.map(({description_en, personal, ...rule}) => ({...rule, description_en})),
  }));
  return {contracts, references: referencesFromCatalog(catalog)};
});
