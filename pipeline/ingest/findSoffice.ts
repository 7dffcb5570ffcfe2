import {accessSync, constants} from "node:fs";
import {delimiter, join} from "node:path";

/** How to install the converter, for the refusal of a legacy workbook when there is none. */
export const SOFFICE_HINT =
  "install LibreOffice (apt-get install libreoffice-calc-nogui on Debian, UOS or Kylin) or set $BIZENV_SOFFICE to its soffice";

/**
 * The LibreOffice command that converts legacy .xls/.et workbooks: `$BIZENV_SOFFICE` when set (taken as given, so
 * a wrong path is reported when the conversion runs), else `soffice` or `libreoffice` on `$PATH`; undefined when
 * there is none. `env` is the command's environment (the Io seam), never read from the process behind its back.
 */
export function findSoffice(env: Record<string, string | undefined>): string | undefined {
  if (env.BIZENV_SOFFICE) return env.BIZENV_SOFFICE;
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here: try the next
      }
    }
  }
  return undefined;
}
