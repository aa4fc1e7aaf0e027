// Browser tests need Debian's chromium. Installs it with apt when it is missing (machines run as root),
// so `npm test` works on a fresh machine with nothing done by hand.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const BINARY = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(BINARY)) process.exit(0);
console.log(`${BINARY} not found: installing Debian chromium (apt-get)…`);
const sudo = process.getuid?.() === 0 ? "" : "sudo ";
const run = (cmd) =>
  execSync(`${sudo}${cmd}`, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
run("apt-get update -q");
run("apt-get install -y -q --no-install-recommends chromium");
if (!existsSync(BINARY)) {
  console.error(`chromium was installed but ${BINARY} is still missing`);
  process.exit(1);
}
