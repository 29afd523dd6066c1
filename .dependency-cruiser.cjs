/**
 * Import rules: the layer diagram of docs/architecture.md. Run by `npm run lint` (scripts/depcruise.mjs).
 * A layer is a folder of src/ (or firmware-sim/); src/errors.ts, src/clock.ts, src/native-module.ts and
 * src/i18n/ are shared by all. Each layer lists the layers it may import; another
 * layer is imported through its index.ts.
 */
const LAYERS = {
  otp: [],
  protocol: ['otp'],
  profiles: ['protocol', 'otp'],
  store: ['otp'],
  verify: ['store', 'otp'],
  link: ['profiles', 'protocol', 'otp'],
  device: ['profiles', 'link', 'protocol', 'otp', 'store'],
  speech: ['profiles', 'otp'],
  terminal: ['profiles', 'otp'],
  'firmware-sim': ['profiles', 'protocol', 'otp', 'link'],
  sim: ['profiles', 'firmware-sim', 'link', 'terminal', 'speech', 'store', 'protocol', 'otp'],
  practice: [
    'profiles',
    'sim',
    'firmware-sim',
    'device',
    'verify',
    'store',
    'speech',
    'terminal',
    'link',
    'protocol',
    'otp',
  ],
  cli: [
    'profiles',
    'practice',
    'sim',
    'firmware-sim',
    'device',
    'verify',
    'store',
    'speech',
    'terminal',
    'link',
    'protocol',
    'otp',
  ],
};
const ALL = Object.keys(LAYERS);
const dir = (layer) => (layer === 'firmware-sim' ? '^firmware-sim/' : `^src/${layer}/`);
const SHARED = '^src/(errors|clock|native-module)\\.ts$|^src/i18n/';

module.exports = {
  forbidden: [
    ...ALL.filter((layer) => LAYERS[layer].length < ALL.length - 1).map((layer) => ({
      name: `layer-${layer}`,
      comment: `${layer} may import only ${LAYERS[layer].join(', ') || 'shared modules'} (docs/architecture.md)`,
      severity: 'error',
      from: { path: dir(layer) },
      to: {
        path: ALL.filter((other) => other !== layer && !LAYERS[layer].includes(other))
          .map(dir)
          .join('|'),
      },
    })),
    {
      name: 'shared-stays-below',
      comment: 'errors, clock, i18n and profiles are below every layer (the catalog imports only messages files)',
      severity: 'error',
      from: { path: SHARED, pathNot: '^src/i18n/catalog\\.ts$' },
      to: { path: ALL.map(dir).join('|') },
    },
    {
      name: 'catalog-imports-messages-only',
      comment: 'src/i18n/catalog.ts registers texts: it imports data (messages files), never code',
      severity: 'error',
      from: { path: '^src/i18n/catalog\\.ts$' },
      to: { pathNot: ['/messages\\.ts$', '^src/cli/messages/', '/error-texts\\.ts$', '^src/i18n/'] },
    },
    {
      name: 'library-without-faces',
      comment: 'src/index.ts never imports the CLI, the terminal UI or the practice site',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/(cli|terminal|practice)/' },
    },
    {
      name: 'through-index',
      comment: 'another layer is imported through its index.ts (its public surface)',
      severity: 'error',
      from: { path: '^(src/[^/]+|firmware-sim)/', pathNot: '^src/i18n/catalog\\.ts$' },
      to: {
        path: `^(src/(?:${ALL.filter((layer) => layer !== 'firmware-sim').join('|')})|firmware-sim)/`,
        pathNot: ['^$1/', '/index\\.ts$', '^src/i18n/'],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      // Type-only cycles (a module naming a type of the module that imports it) are harmless at run time.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
