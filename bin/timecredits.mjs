#!/usr/bin/env node
// The `timecredits` command: runs src/cli/main.ts through tsx (npm scripts and npx put Node 22 first on PATH).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
