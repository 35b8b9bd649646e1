/// <reference types="@tarojs/taro" />

declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: 'weapp' | 'h5'. */
    TARO_ENV?: 'weapp' | 'h5';
    /** API base URL, from config/index.ts (`/api/v1` on H5). */
    TARO_APP_API_BASE?: string;
    /** AMap JS API key for the H5 map; empty when not configured. */
    TARO_APP_AMAP_KEY?: string;
    /** AMap security code (安全密钥) paired with keys issued after 2021-12. */
    TARO_APP_AMAP_SECURITY_CODE?: string;
  }
}
