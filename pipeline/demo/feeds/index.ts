import {caseFeed, type CaseModel} from "./caseFeed.ts";
import {constructionCases} from "./cases/constructionCases.ts";
import {constructionProjects} from "./cases/constructionProjects.ts";
import {courtCases} from "./cases/courtCases.ts";
import {creditCases} from "./cases/creditCases.ts";
import {creditRepairs} from "./cases/creditRepairs.ts";
import {customsDeclarations} from "./cases/customsDeclarations.ts";
import {ipRecords} from "./cases/ipRecords.ts";
import {labourArbitrationCases} from "./cases/labourArbitrationCases.ts";
import {newTaxpayerCases} from "./cases/newTaxpayerCases.ts";
import {powerCases} from "./cases/powerCases.ts";
import {procurementIntentions} from "./cases/procurementIntentions.ts";
import {publicResourceTrading} from "./cases/publicResourceTrading.ts";
import {propertyCases} from "./cases/propertyCases.ts";
import {randomInspections} from "./cases/randomInspections.ts";
import {satisfactionRatings} from "./cases/satisfactionRatings.ts";
import {startupCases} from "./cases/startupCases.ts";
import {waterGasCases} from "./cases/waterGasCases.ts";
import type {DemoContext, FeedGenerator} from "./feedGenerator.ts";
import {cityStatisticsFeed} from "./cityStatistics.ts";
import {genericFeed} from "./genericFeed.ts";
import {indicatorIndicesFeed} from "./indicatorIndices.ts";
import {insolvencyLedgerFeed} from "./insolvencyLedger.ts";
import {officialEvaluationResultsFeed} from "./officialEvaluationResults.ts";
import {peerBenchmarksFeed} from "./peerBenchmarks.ts";
import {serviceItemsFeed} from "./serviceItems.ts";
import {taskProgressFeed} from "./taskProgress.ts";
import {taxComplianceHoursFeed} from "./taxComplianceHours.ts";
import {hotlineFeed, onlineServicesFeed} from "./unitMonthFeeds.ts";

/** The case feeds the demo models, by feed id (the contract's `feed`). */
const CASE_MODELS: Record<string, CaseModel> = {
  startup_cases: startupCases,
  property_registration_cases: propertyCases,
  power_connection_cases: powerCases,
  water_gas_cases: waterGasCases,
  credit_cases: creditCases,
  construction_permit_cases: constructionCases,
  construction_projects: constructionProjects,
  new_taxpayer_cases: newTaxpayerCases,
  procurement_intentions: procurementIntentions,
  satisfaction_ratings: satisfactionRatings,
  random_inspections: randomInspections,
  credit_repairs: creditRepairs,
  labour_arbitration_cases: labourArbitrationCases,
  ip_records: ipRecords,
  public_resource_trading_projects: publicResourceTrading,
  court_cases: courtCases,
  customs_declarations: customsDeclarations,
};

/** The other modelled feeds. */
const OTHER: Record<string, (ctx: DemoContext) => FeedGenerator> = {
  hotline_12345: hotlineFeed,
  online_services: onlineServicesFeed,
  tax_compliance_hours: taxComplianceHoursFeed,
  peer_benchmarks: peerBenchmarksFeed,
  official_evaluation_results: officialEvaluationResultsFeed,
  task_progress: taskProgressFeed,
  city_statistics: cityStatisticsFeed,
  indicator_indices: indicatorIndicesFeed,
  service_items: serviceItemsFeed,
  insolvency_cases: insolvencyLedgerFeed,
};

/** The generator for a contract: its model if the demo has one, otherwise the generic one (values from the contract). */
export function feedGenerator(ctx: DemoContext): FeedGenerator {
  const model = CASE_MODELS[ctx.contract.feed];
  if (model) return caseFeed(ctx, model);
  return (OTHER[ctx.contract.feed] ?? genericFeed)(ctx);
}
