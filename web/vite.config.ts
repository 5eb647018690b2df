// Vite build of the web application (ADR 0024): served by the gateway under /app/.
// `npm run dev` serves it on 127.0.0.1:5173 and forwards /api to the gateway.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/app/",
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: { "/api": "http://127.0.0.1:58000" },
  },
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 2500 },
});
