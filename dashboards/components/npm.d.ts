// Framework resolves `npm:` specifiers to the seeded cache (scripts/seed-framework-cache.mjs); these declarations give
// TypeScript the types of the same installed packages so components type-check with `tsc --noEmit`.
declare module "npm:@observablehq/plot" {
  export * from "@observablehq/plot";
}
declare module "npm:htl" {
  export * from "htl";
}
