// The release workflow cannot run on our machines; this checks that what it relies on agrees with
// the local .deb build (`npm run deb`): the same Tauri CLI, one version everywhere, icons for every
// platform, and a --bundles list on every leg (tauri.conf.json's targets name only "deb").
// Run by .ci/test from the repository root: `node .ci/release-check.mjs`.
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(path, 'utf8');
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

const workflow = read('.github/workflows/release.yml');
const conf = JSON.parse(read('tauri.conf.json'));
const ui = JSON.parse(read('ui/package.json'));

// 1. The Tauri CLI: the workflow's tauriScript is the command that `npm run deb` runs.
const debCli = ui.scripts.deb.match(/&& (npx .*?) build /)?.[1];
const workflowCli = workflow.match(/^\s*tauriScript: (.+)$/m)?.[1].trim();
check(debCli, `no Tauri CLI found in ui/package.json's deb script: ${ui.scripts.deb}`);
check(workflowCli === debCli, `release.yml runs "${workflowCli}", npm run deb "${debCli}"`);

// 2. One version: the installers are named after tauri.conf.json's, the workflow compares the tag
// with it and with Cargo.toml's.
const crate = read('Cargo.toml').match(/^\[package\][^[]*?^version = "([^"]+)"/m)?.[1];
check(conf.version === crate, `tauri.conf.json ${conf.version}, Cargo.toml ${crate}`);
check(conf.version === ui.version, `tauri.conf.json ${conf.version}, ui/package.json ${ui.version}`);

// 3. Icons: each listed file is what its extension says; Windows needs an .ico, macOS an .icns, and
// the PNGs must be RGBA (the bundler refuses others).
const icons = conf.bundle.icon;
for (const ext of ['.png', '.ico', '.icns']) {
  check(icons.some((p) => p.endsWith(ext)), `bundle.icon lists no ${ext}`);
}
for (const path of icons) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    failures.push(`${path}: ${e.message}`);
    continue;
  }
  if (path.endsWith('.png')) {
    // PNG signature, then the IHDR chunk: colour type 6 is RGBA.
    check(bytes.readUInt32BE(0) === 0x89504e47, `${path} is not a PNG`);
    check(bytes[25] === 6, `${path} is not RGBA (colour type ${bytes[25]})`);
  } else if (path.endsWith('.ico')) {
    // ICONDIR: reserved 0, type 1, at least one image.
    const ok = bytes.readUInt16LE(0) === 0 && bytes.readUInt16LE(2) === 1 && bytes.readUInt16LE(4) > 0;
    check(ok, `${path} is not a Windows icon`);
  } else if (path.endsWith('.icns')) {
    // "icns" and the total length, big-endian.
    const ok = bytes.toString('latin1', 0, 4) === 'icns' && bytes.readUInt32BE(4) === bytes.length;
    check(ok, `${path} is not an Apple icon`);
  } else {
    failures.push(`${path}: unexpected icon type`);
  }
}

// 4. Every matrix leg names its bundles (without --bundles a leg would build tauri.conf.json's
// "deb" only, or nothing on Windows and macOS), and together they make what the README promises.
// The matrix's args (the action's own `args: ${{ matrix.args }}` passes them on).
const legs = [...workflow.matchAll(/^\s*args: (?!\$\{\{)(.*)$/gm)].map((m) => m[1]);
check(legs.length === 3, `expected 3 build legs, found ${legs.length}`);
const bundles = new Set();
for (const args of legs) {
  const list = args.match(/--bundles (\S+)/)?.[1];
  check(list, `a build leg has no --bundles: "${args}"`);
  for (const b of list?.split(',') ?? []) bundles.add(b);
}
for (const b of ['nsis', 'msi', 'dmg', 'deb', 'appimage']) {
  check(bundles.has(b), `no build leg makes ${b}`);
}

if (failures.length) {
  for (const f of failures) console.error(`release-check: ${f}`);
  process.exit(1);
}
console.log(`release-check: CLI "${debCli}", version ${conf.version}, ${icons.length} icons, bundles ${[...bundles].join(',')}`);
