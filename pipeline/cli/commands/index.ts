import type {Command} from "commander";
import type {Io} from "../io.ts";
import {benchCommand} from "./bench.ts";
import {initCommand} from "./init.ts";
import {loadCommand} from "./load.ts";
import {statusCommand} from "./status.ts";
import {planCommand} from "./plan.ts";
import {workdaysCommand} from "./workdays.ts";
import {dtfCommand} from "./dtf.ts";
import {demoCommand} from "./demo.ts";
import {scoreCommand} from "./score.ts";
import {assessCommand} from "./assess.ts";

/** Every `bizenv` subcommand, in the order `bizenv --help` lists them. One file per command. */
export const commands: Array<(io: Io) => Command> = [
  initCommand,
  planCommand,
  loadCommand,
  statusCommand,
  workdaysCommand,
  dtfCommand,
  demoCommand,
  scoreCommand,
  assessCommand,
  benchCommand,
];
