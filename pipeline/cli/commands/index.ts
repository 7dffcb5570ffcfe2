import type {Command} from "commander";
import type {Io} from "../io.ts";
import {planCommand} from "./plan.ts";

/** Every `bizenv` subcommand, in the order `bizenv --help` lists them. One file per command. */
export const commands: Array<(io: Io) => Command> = [planCommand];
