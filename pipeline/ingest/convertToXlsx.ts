import {execFile} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync} from "node:fs";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {FeedError} from "../errors.ts";

/**
 * LibreOffice starts in a few seconds and converts a workbook of 100 000 rows in well under a minute; one that has
 * not finished in this long is hung (a dialog it cannot show, a damaged file), and the load moves on.
 */
const CONVERT_TIMEOUT_MS = 180_000;

/**
 * Convert a legacy workbook (Excel 97–2003 .xls or WPS .et, both OLE2 compound files) or an OpenDocument spreadsheet
 * (`kind` "ods") or an Excel 2003 XML workbook (`kind` "xml") to .xlsx with LibreOffice headless, in the load's temp folder; returns the .xlsx's path. The file is
 * converted from a copy named `input.xls` (`input.ods`), so the output's name is known whatever the file was called
 * (and LibreOffice detects the format from the bytes either way). LibreOffice runs with a profile of its own,
 * `profileDir` (one per `bizenv load`: making a profile is most of a first conversion's time), so a LibreOffice the
 * user has open, which holds the default profile's lock and would swallow the request, does not matter.
 * Throws `FeedError` when LibreOffice cannot run, fails, times out or writes nothing.
 */
export async function convertToXlsx(
  soffice: string,
  path: string,
  shown: string,
  tmpDir: string,
  converter: {env: Record<string, string | undefined>; profileDir: string},
  kind: "xls" | "ods" | "xml" = "xls",
): Promise<string> {
  const dir = join(tmpDir, "convert");
  const out = join(dir, "out");
  mkdirSync(out, {recursive: true});
  const input = join(dir, `input.${kind}`);
  copyFileSync(path, input);
  const profile = pathToFileURL(converter.profileDir).href;
  const args = [
    `-env:UserInstallation=${profile}`,
    "--headless",
    "--norestore",
    "--convert-to",
    "xlsx",
    "--outdir",
    out,
    input,
  ];
  const result = await new Promise<{error: (Error & {code?: unknown; killed?: boolean}) | null; output: string}>(
    (resolve) =>
      execFile(
        soffice,
        args,
        // LibreOffice's launcher is a shell script: it needs a PATH even when the command's environment has none.
        {
          timeout: CONVERT_TIMEOUT_MS,
          env: {PATH: "/usr/local/bin:/usr/bin:/bin", ...converter.env, HOME: converter.profileDir},
        },
        (error, stdout, stderr) => resolve({error, output: `${stdout}\n${stderr}`}),
      ),
  );
  const converted = join(out, "input.xlsx");
  if (result.error?.killed)
    throw new FeedError(
      shown,
      `LibreOffice (${soffice}) did not finish converting it to .xlsx within ${CONVERT_TIMEOUT_MS / 1000} s; save it as .xlsx and send that`,
    );
  if (result.error && result.error.code === "ENOENT")
    throw new FeedError(
      shown,
      `the converter ${soffice} was not found; install LibreOffice or save the workbook as .xlsx`,
    );
  if (result.error || !existsSync(converted)) {
    const said = result.output
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0];
    throw new FeedError(
      shown,
      `LibreOffice could not convert it to .xlsx${said ? ` (${said})` : ""}; the workbook may be damaged or password-protected: open it and save it as .xlsx`,
    );
  }
  return converted;
}
