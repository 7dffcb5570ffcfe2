/**
 * The loader's side of the fault-injection seam (`BIZENV_FAULT`). The seam itself, with every command's phases
 * (`load`, `score`, `assess`), lives in `pipeline/faultPoint.ts`; the loader's imports stay here.
 */
export {FAULT_PHASES, LOAD_FAULT_PHASES, faultPointFromEnv, type FaultPhase, type FaultPoint} from "../faultPoint.ts";
