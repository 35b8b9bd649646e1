import type { IProjectConfig } from '@tarojs/taro/types/compile';

export default {
  mini: {},
  h5: {
    // Source maps stay out of the shipped bundle; terser is the minifier the runner supports.
    enableSourceMap: false,
  },
} satisfies IProjectConfig<'vite'>;
