import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import type { IProjectConfig } from '@tarojs/taro/types/compile';
import type { Plugin } from 'vite';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Where the app finds the API. H5 is served from the same origin as the API (`/api/v1`). The
 * mini-program needs an absolute URL: an https domain registered in the WeChat console for release;
 * without one it talks to the local dev server (usable in WeChat devtools with domain checks off).
 */
function apiBase(taroEnv: string | undefined, isProd: boolean): string {
  const configured = process.env.TARO_APP_API_BASE?.trim();
  if (taroEnv !== 'weapp') return configured || '/api/v1';
  if (configured) {
    if (!/^https:\/\//.test(configured) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(configured)) {
      throw new Error(`TARO_APP_API_BASE must be an https:// URL for the mini-program (got "${configured}")`);
    }
    return configured;
  }
  if (isProd) {
    console.warn(
      '[memorial-map] TARO_APP_API_BASE is not set: this weapp build calls http://127.0.0.1:3000/api/v1 ' +
        '(WeChat devtools only). Set it to the https API domain before uploading a release.',
    );
  }
  return 'http://127.0.0.1:3000/api/v1';
}

/**
 * H5: preload the home page's own chunk (and its imports) from index.html. Otherwise the browser only
 * learns of it after the app script has run, one more round trip on a slow network before the list.
 */
function preloadHomePage(): Plugin {
  return {
    name: 'memorial-map:preload-home',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml(html, ctx) {
      const bundle = ctx.bundle ?? {};
      const home = Object.values(bundle).find(
        (c) => c.type === 'chunk' && !!c.facadeModuleId && /[\\/]pages[\\/]index[\\/]index\.tsx/.test(c.facadeModuleId),
      );
      if (!home || home.type !== 'chunk') return [];
      const files = new Set<string>([home.fileName, ...home.imports]);
      const css = (home as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss ?? new Set<string>();
      const missing = (file: string) => !html.includes(`/${file}"`);
      return [
        ...[...files].filter(missing).map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const })),
        ...[...css].filter(missing).map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', href: `/${file}` }, injectTo: 'head' as const })),
      ];
    },
  };
}

export default defineConfig<'vite'>(async (merge) => {
  const isProd = process.env.NODE_ENV === 'production';
  const taroEnv = process.env.TARO_ENV;
  const baseConfig: IProjectConfig<'vite'> = {
    projectName: 'memorial-map',
    date: '2025-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [],
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase(taroEnv, isProd)),
      TARO_APP_AMAP_KEY: JSON.stringify(process.env.TARO_APP_AMAP_KEY?.trim() ?? ''),
      TARO_APP_AMAP_SECURITY_CODE: JSON.stringify(process.env.TARO_APP_AMAP_SECURITY_CODE?.trim() ?? ''),
    },
    defineConstants: {},
    copy: {
      // Map marker icons are referenced by path from the WeChat <Map> (it does not take data URIs).
      patterns: taroEnv === 'weapp' ? [{ from: 'src/assets/map/', to: 'dist/weapp/assets/map/' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'vite', vitePlugins: taroEnv === 'h5' ? [preloadHomePage()] : [] },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Content hashes in every emitted name so a CDN or the API server can cache them for a year.
      output: {
        chunkFileNames: 'js/[name].[hash].js',
        assetFileNames: '[ext]/[name].[hash][extname]',
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return merge({}, baseConfig, isProd ? prodConfig : devConfig);
});
