// Babel is used by Taro's vite runner for the mini-program build (JSX and TS via the taro preset).
export default {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'vite',
      },
    ],
  ],
};
