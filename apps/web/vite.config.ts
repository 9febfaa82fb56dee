import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const config = {
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Vendor code changes rarely; separate chunks stay cached across app releases.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('@mantine') || id.includes('@floating-ui')) return 'mantine';
          if (id.includes('@tabler')) return 'icons';
          if (id.includes('@tanstack')) return 'tanstack';
          if (id.includes('i18next')) return 'i18n';
          if (id.includes('/zod/')) return 'zod';
          if (/\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          return 'vendor';
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
} satisfies UserConfig;

export default defineConfig(({ command, mode }) => {
  // A production build must be one even when NODE_ENV leaks in from the caller (Vitest sets
  // NODE_ENV=test and its tests run `npm run build`): otherwise Vite compiles dev JSX and bundles
  // React's development build. Vite reads NODE_ENV after loading this file.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return config;
});
