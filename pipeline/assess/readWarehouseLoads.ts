import type {Warehouse} from "../db.ts";
import type {WarehouseLoad} from "./readAssessmentInputs.ts";

/** The warehouse's load log: each file's id, feed, sha256, status and the first and last date of its data. */
export async function readWarehouseLoads(warehouse: Warehouse): Promise<WarehouseLoad[]> {
  return warehouse.all<WarehouseLoad>(
    `select load_id, feed, file_name, sha256, status, is_synthetic,
            data_from::varchar as data_from, data_to::varchar as data_to
     from load_log order by load_id`,
  );
}
