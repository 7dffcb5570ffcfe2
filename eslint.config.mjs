// `npm run lint` (in `npm test`): ESLint's and typescript-eslint's recommended rules on the TypeScript and scripts.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: ["node_modules/", "dist/", "data/", "dashboards/.observablehq/", "tests/fixtures/"]},
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      // Node for the pipeline, scripts and tests; the browser for the site's components (and page code the
      // screenshot script runs in Chromium).
      globals: {...globals.node, ...globals.browser},
    },
    rules: {
      // Unused names are errors, except a deliberately ignored `_name` (a callback's position, a rest sibling).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true},
      ],
      // The loader and the file check look for control characters in office files on purpose (NUL, stray C0 bytes).
      "no-control-regex": "off",
    },
  },
);
