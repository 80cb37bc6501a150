#!/usr/bin/env node
/*
 * Makes Yarn's resolution pass on a registry that lacks some platform
 * packages.
 *
 * Yarn resolves every platform's optional binaries for its lockfile, and stops
 * with YN0082 ("No candidates found") when one of them is missing from the
 * registry. This script runs the resolution, reads every YN0082 it reports,
 * finds the package that carries that platform family (e.g. `@swc/core` for
 * `@swc/core-darwin-arm64`), checks every member of the family against the
 * registry and pins each absent one in `resolutions` to the newest version
 * that does exist. Such packages are never installed on linux-x64, so the pin
 * only has to exist. It repeats until the resolution passes.
 *
 * Run it after changing dependencies: `node scripts/pin-registry-holes.mjs`.
 * The pins it writes live in the root package.json and are committed, as is
 * yarn.lock, so an ordinary install never needs this script.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJsonPath = join(root, 'package.json');
const maxRounds = 15;

/** Platform families: prefix of the binary packages → the package that lists them. */
const families = [
  ['@swc/core-', '@swc/core'],
  ['@rollup/rollup-', 'rollup'],
  ['@unrs/resolver-binding-', 'unrs-resolver'],
  ['@esbuild/', 'esbuild'],
  ['lightningcss-', 'lightningcss'],
  ['@rspack/binding-', '@rspack/binding'],
  ['@parcel/watcher-', '@parcel/watcher'],
  ['@oxc-resolver/binding-', 'oxc-resolver'],
  ['@napi-rs/nice-', '@napi-rs/nice'],
];

const versionsCache = new Map();

function npmView(spec, field) {
  const out = execFileSync('npm', ['view', spec, field, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  return out ? JSON.parse(out) : undefined;
}

function publishedVersions(name) {
  if (!versionsCache.has(name)) {
    let versions = [];
    try {
      const v = npmView(name, 'versions');
      versions = Array.isArray(v) ? v : v ? [v] : [];
    } catch {
      versions = [];
    }
    versionsCache.set(name, versions);
  }
  return versionsCache.get(name);
}

function newestStable(versions) {
  const stable = versions.filter(v => !v.includes('-'));
  return (stable.length ? stable : versions).at(-1);
}

/** Returns { name: version } pins for the missing members of the family of `name@version`. */
function pinsFor(name, version) {
  const family = families.find(([prefix]) => name.startsWith(prefix));
  const members = {};
  if (family) {
    try {
      Object.assign(
        members,
        npmView(`${family[1]}@${version}`, 'optionalDependencies') ?? {},
      );
    } catch {
      // parent not published at the same version: fall back to this one package
    }
  }
  members[name] ??= version;

  const pins = {};
  for (const [member, wanted] of Object.entries(members)) {
    const versions = publishedVersions(member);
    if (versions.includes(wanted.replace(/^[\^~]/, ''))) continue;
    const newest = newestStable(versions);
    if (!newest) {
      throw new Error(`${member} has no published version at all`);
    }
    pins[member] = newest;
  }
  return pins;
}

function resolve() {
  const result = spawnSync(
    process.execPath,
    [yarnRelease(), 'install', '--mode=update-lockfile'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, YARN_ENABLE_COLORS: '0' } },
  );
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function yarnRelease() {
  const rc = readFileSync(join(root, '.yarnrc.yml'), 'utf8');
  return join(root, rc.match(/^yarnPath:\s*(.+)$/m)[1].trim());
}

function missingPackages(output) {
  const found = new Map();
  // e.g. "YN0082: │ @swc/core-darwin-arm64@npm:1.16.22: No candidates found"
  const re = /YN0082:.*?((?:@[^/\s]+\/)?[^@\s:]+)@npm:([^\s:]+): No candidates found/g;
  for (const m of output.matchAll(re)) found.set(m[1], m[2]);
  return found;
}

for (let round = 1; round <= maxRounds; round++) {
  console.log(`round ${round}: resolving…`);
  const { ok, output } = resolve();
  if (ok) {
    console.log('resolution passed');
    process.exit(0);
  }
  const missing = missingPackages(output);
  if (missing.size === 0) {
    console.error(output.split('\n').slice(-30).join('\n'));
    console.error('resolution failed for a reason other than a missing package');
    process.exit(1);
  }
  const strangers = [...missing.keys()].filter(
    name => !families.some(([prefix]) => name.startsWith(prefix)),
  );
  if (strangers.length > 0) {
    // A missing ordinary dependency is not a platform binary: pinning it to
    // another version would change code that runs. Choose a version of the
    // package that needs it whose dependencies the registry has.
    console.error(
      `missing from the registry and not a platform binary: ${strangers
        .map(n => `${n}@${missing.get(n)}`)
        .join(', ')}; pick a version of the package that depends on it whose dependencies exist`,
    );
    process.exit(1);
  }
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  pkg.resolutions ??= {};
  for (const [name, version] of missing) {
    for (const [pinName, pinVersion] of Object.entries(pinsFor(name, version))) {
      console.log(`  pin ${pinName} → ${pinVersion} (wanted ${name}@${version})`);
      pkg.resolutions[pinName] = pinVersion;
    }
  }
  pkg.resolutions = Object.fromEntries(
    Object.entries(pkg.resolutions).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(packageJsonPath, `${JSON.stringify(pkg, null, 2)}\n`);
}
console.error(`resolution still failing after ${maxRounds} rounds`);
process.exit(1);
