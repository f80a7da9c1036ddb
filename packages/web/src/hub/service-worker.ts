/**
 * Installable as an app: the service worker (public/sw.js) keeps the app's shell for
 * offline starts. It never stores API answers, which carry personal data.
 */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // Without it the hub works the same, only not offline.
    });
  });
}
