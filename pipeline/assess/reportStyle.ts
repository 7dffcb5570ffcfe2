/**
 * The report's stylesheet, inlined so the HTML is one self-contained file (no web fonts, no requests). Chinese is
 * set in Noto Sans CJK SC, which Debian's fonts-noto-cjk installs and Chromium finds by family name when it prints
 * the PDF. Sized for A4 portrait: tables repeat their header row on every page and rows do not split.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 11mm 16mm 11mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans", "Source Han Sans SC", sans-serif; font-size: 9.5pt;
  color: #1d2733; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 190mm; padding: 0 2mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #2d5b8a; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.banner { background: #c0392b; color: #fff; font-weight: 700; font-size: 11pt; text-align: center; padding: 2.5mm;
  margin: 0 0 4mm; border-radius: 1.5mm; letter-spacing: 0.05em; }
.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.6mm 4mm; font-size: 8.5pt;
  margin: 2mm 0 4mm; color: #3b4a5a; }
.meta dt { font-weight: 700; }
.meta dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2.5mm; margin: 2mm 0 3mm; }
.card { border: 0.8pt solid #c9d3de; border-radius: 1.5mm; padding: 2mm 2.5mm; break-inside: avoid; }
.card .big { font-size: 15pt; font-weight: 700; }
.card .label { font-size: 8pt; color: #566575; }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.lists ol { margin: 1mm 0; padding-left: 6mm; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #e6edf5; text-align: left; font-weight: 700; }
th, td { border: 0.5pt solid #c9d3de; padding: 0.8mm 1.2mm; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nw { white-space: nowrap; }
td.small { font-size: 7pt; }
td.hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 6.5pt; word-break: break-all; }
.v-met, .v-reached, .v-done_on_time, .v-on_course, .v-top10 { color: #1e7b34; font-weight: 700; }
.v-missed, .v-not_reached, .v-overdue, .v-off_course, .v-bottom10 { color: #b3261e; font-weight: 700; }
.v-done_late, .v-no_data, .v-pending { color: #a05a00; font-weight: 700; }
.v-ahead, .v-open, .v-ongoing { color: #566575; }
.sev-critical { color: #b3261e; font-weight: 700; }
.sev-warning { color: #a05a00; font-weight: 700; }
.sev-info { color: #566575; }
.small { font-size: 7.5pt; color: #566575; }
footer { margin-top: 6mm; font-size: 7.5pt; color: #566575; border-top: 0.5pt solid #c9d3de; padding-top: 1.5mm; }
`;
