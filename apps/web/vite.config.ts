import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** Accent of src/styles/theme.css: the title bar of the installed app. */
const THEME_COLOR = '#1f5fd1';

export default defineConfig({
  plugins: [
    react(),
    // The service worker precaches the app shell (HTML, JS, CSS, icons) so Petrel starts
    // with no network after one visit; mail is cached by the app itself in IndexedDB.
    VitePWA({
      strategies: 'generateSW',
      // A new version waits for the user's Reload (src/sw/pwa-update.tsx).
      registerType: 'prompt',
      // Registered from the app (virtual:pwa-register/react), not by an injected script.
      injectRegister: false,
      // globPatterns below already precaches everything in public/, icons included.
      includeManifestIcons: false,
      manifest: {
        name: 'Petrel',
        short_name: 'Petrel',
        description: 'Mail that works offline.',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
        // Every client route is the SPA; offline it comes from the precache.
        navigateFallback: '/index.html',
        // API navigations (a part opened in a tab, a download) must reach the server, or
        // fail visibly offline: never the app shell in their place.
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        // No runtimeCaching at all: nothing under /api is ever answered from a cache by the
        // worker; the app's own cache is IndexedDB, with its own rules for freshness.
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { outDir: 'dist', sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
