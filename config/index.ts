import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build as esbuild, transform as esbuildTransform } from 'esbuild';
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

/**
 * H5: the home page's nearest list before the app's scripts arrive (src/boot/first-list.ts). Its
 * script and style are compiled here and inlined at the top of index.html, so the position and the
 * `GET /sites?near=` request start as soon as the HTML is in; the empty early list is in the body.
 * The first page's stylesheets (~10 KB gzipped, only data: URLs inside) are inlined too: a browser
 * opens at most six connections to one HTTP/1.1 origin, and four stylesheet requests beside the four
 * scripts left the nearest-sites request queued behind them for a whole round trip.
 */
function inlineFirstList(apiBaseValue: string): Plugin {
  const src = path.resolve(__dirname, '..', 'src');
  return {
    name: 'memorial-map:inline-first-list',
    apply: 'build',
    enforce: 'post',
    async transformIndexHtml(html, ctx) {
      const script = await esbuild({
        entryPoints: [path.join(src, 'boot', 'first-list.ts')],
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2017',
        charset: 'utf8',
        write: false,
        alias: { '@': src },
        define: { __API_BASE__: JSON.stringify(apiBaseValue), 'process.env.TARO_ENV': '"h5"' },
        logLevel: 'warning',
      });
      const style = await esbuildTransform(readFileSync(path.join(src, 'boot', 'first-list.css'), 'utf8'), { loader: 'css', minify: true });
      return {
        html: html.replace(/<link rel="stylesheet" href="\/([^"]+)">/g, (link, file: string) => {
          const asset = ctx.bundle?.[file];
          // The disabled link is never fetched; it tells Vite's chunk loader the stylesheet is on the
          // page already, so the app does not download it again when it loads the home page's chunk.
          return asset?.type === 'asset' ? `<style>${String(asset.source).trim()}</style><link rel="stylesheet" href="/${file}" disabled>` : link;
        }),
        tags: [
          { tag: 'style', children: style.code.trim(), injectTo: 'head-prepend' },
          { tag: 'script', children: script.outputFiles[0]!.text.trim(), injectTo: 'head-prepend' },
          {
            tag: 'div',
            attrs: { id: 'mm-boot', 'aria-live': 'polite' },
            children: [{ tag: 'div', attrs: { class: 'boot-status' }, children: '正在查找附近的纪念设施…' }],
            injectTo: 'body-prepend',
          },
        ],
      };
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
    compiler: { type: 'vite', vitePlugins: taroEnv === 'h5' ? [preloadHomePage(), inlineFirstList(apiBase(taroEnv, isProd))] : [] },
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
