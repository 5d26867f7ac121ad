// What each front-end framework inlines into browser code, as data: how to recognise it (package.json
// dependencies, config files), its public env prefixes and the folders its client build lands in.
// Config-specific overrides (envPrefix, publicPrefix, next.config `env`…) are read by frameworks.ts.

export interface FrameworkSpec {
  id: string;
  name: string;
  /** Any of these in dependencies/devDependencies identifies the framework. */
  packages: string[];
  /** Any of these files in the project root identifies it too; the first found is the config read. */
  configFiles: string[];
  /** Env name prefixes the build inlines by default ('' means every variable of .env). */
  publicPrefixes: string[];
  /** Build output folders (relative to the project root) that are served to browsers. */
  clientOutputDirs: string[];
}

const js = (base: string) => ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `${base}.${ext}`);

export const FRAMEWORKS: FrameworkSpec[] = [
  { id: 'next', name: 'Next.js', packages: ['next'], configFiles: js('next.config'), publicPrefixes: ['NEXT_PUBLIC_'], clientOutputDirs: ['.next/static', 'out'] },
  { id: 'nuxt', name: 'Nuxt', packages: ['nuxt', 'nuxt3'], configFiles: js('nuxt.config'), publicPrefixes: ['NUXT_PUBLIC_'], clientOutputDirs: ['.output/public', '.nuxt/dist/client'] },
  { id: 'sveltekit', name: 'SvelteKit', packages: ['@sveltejs/kit'], configFiles: js('svelte.config'), publicPrefixes: ['PUBLIC_'], clientOutputDirs: ['.svelte-kit/output/client', 'build/client'] },
  { id: 'astro', name: 'Astro', packages: ['astro'], configFiles: js('astro.config'), publicPrefixes: ['PUBLIC_'], clientOutputDirs: ['dist'] },
  { id: 'remix', name: 'Remix', packages: ['@remix-run/react', '@remix-run/dev', '@react-router/dev'], configFiles: js('remix.config').concat(js('react-router.config')), publicPrefixes: [], clientOutputDirs: ['public/build', 'build/client'] },
  { id: 'gatsby', name: 'Gatsby', packages: ['gatsby'], configFiles: js('gatsby-config'), publicPrefixes: ['GATSBY_'], clientOutputDirs: ['public'] },
  { id: 'cra', name: 'Create React App', packages: ['react-scripts'], configFiles: [], publicPrefixes: ['REACT_APP_'], clientOutputDirs: ['build'] },
  { id: 'vue-cli', name: 'Vue CLI', packages: ['@vue/cli-service'], configFiles: js('vue.config'), publicPrefixes: ['VUE_APP_'], clientOutputDirs: ['dist'] },
  { id: 'vite', name: 'Vite', packages: ['vite'], configFiles: js('vite.config'), publicPrefixes: ['VITE_'], clientOutputDirs: ['dist'] },
  { id: 'expo', name: 'Expo', packages: ['expo'], configFiles: js('app.config'), publicPrefixes: ['EXPO_PUBLIC_'], clientOutputDirs: ['dist', 'web-build'] },
  // These two hand every .env variable to the app bundle, which ships to every device.
  { id: 'react-native-config', name: 'react-native-config', packages: ['react-native-config'], configFiles: [], publicPrefixes: [''], clientOutputDirs: [] },
  { id: 'react-native-dotenv', name: 'react-native-dotenv', packages: ['react-native-dotenv'], configFiles: [], publicPrefixes: [''], clientOutputDirs: [] },
  { id: 'angular', name: 'Angular', packages: ['@angular/core'], configFiles: ['angular.json'], publicPrefixes: [], clientOutputDirs: ['dist'] },
  { id: 'ngx-env', name: 'Angular (@ngx-env)', packages: ['@ngx-env/builder'], configFiles: [], publicPrefixes: ['NG_APP_'], clientOutputDirs: [] },
  { id: 'webpack', name: 'webpack', packages: ['webpack'], configFiles: js('webpack.config'), publicPrefixes: [], clientOutputDirs: [] },
  { id: 'rollup', name: 'Rollup', packages: ['rollup'], configFiles: js('rollup.config'), publicPrefixes: [], clientOutputDirs: [] },
  { id: 'esbuild', name: 'esbuild', packages: ['esbuild'], configFiles: js('esbuild.config'), publicPrefixes: [], clientOutputDirs: [] },
  { id: 'parcel', name: 'Parcel', packages: ['parcel', 'parcel-bundler'], configFiles: ['.parcelrc'], publicPrefixes: [], clientOutputDirs: [] },
];

/** Vite's flavour, from its plugin packages: "Vite (React)". */
export const VITE_FLAVOURS: Array<{ packageName: string; flavour: string }> = [
  { packageName: '@vitejs/plugin-react', flavour: 'React' },
  { packageName: '@vitejs/plugin-react-swc', flavour: 'React' },
  { packageName: '@vitejs/plugin-vue', flavour: 'Vue' },
  { packageName: '@sveltejs/vite-plugin-svelte', flavour: 'Svelte' },
  { packageName: 'vite-plugin-solid', flavour: 'Solid' },
  { packageName: '@preact/preset-vite', flavour: 'Preact' },
];

/** Prefixes assumed when no framework is recognised: distinctive enough to mean "public" anywhere. */
export const ASSUMED_PREFIXES: Array<{ prefix: string; framework: string }> = FRAMEWORKS.flatMap((f) =>
  f.publicPrefixes.filter((p) => p.length > 0 && p !== 'PUBLIC_').map((prefix) => ({ prefix, framework: f.name })),
);

/** Build output folders `scan --bundles` checks in every project, whatever its framework (plain bundlers'
 * output may be server code, so a plain `scan` looks only in the folders of a detected browser framework). */
export const COMMON_OUTPUT_DIRS = ['dist', 'build', 'out', '.next/static', '.svelte-kit/output/client', '.output/public', 'public/build'];

/** Source files whose env reads and imports can end up in a browser bundle. */
export const SOURCE_FILE = /\.(m|c)?(j|t)sx?$|\.(vue|svelte|astro|html)$/i;
