import "@mantine/core/styles.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { isApiError } from "../api";
import { initI18n } from "../i18n/i18n";
import { ErrorBoundary } from "../ui/error-boundary";
import { cssVariables, theme } from "../ui/theme";
import { createHubRouter } from "./router";
import { registerServiceWorker } from "./service-worker";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (signed out, not allowed, gone) is an answer: only a failing network is retried.
      retry: (count, error) =>
        count < 2 && isApiError(error) && (error.offline || error.status >= 500),
    },
  },
});
const router = createHubRouter(queryClient);

await initI18n();
const element = document.getElementById("root");
if (element) {
  createRoot(element).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </ErrorBoundary>
      </MantineProvider>
    </StrictMode>,
  );
}
registerServiceWorker();
