import type {Command} from "commander";
import type {Io} from "../io.ts";
import {initCommand} from "./init.ts";
import {planCommand} from "./plan.ts";
import {workdaysCommand} from "./workdays.ts";
import {dtfCommand} from "./dtf.ts";

/** Every `bizenv` subcommand, in the order `bizenv --help` lists them. One file per command. */
export const commands: Array<(io: Io) => Command> = [initCommand, planCommand, workdaysCommand, dtfCommand];
