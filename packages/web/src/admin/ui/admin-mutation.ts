import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { notifyFailed, notifySaved } from "./notify";

/**
 * A change made from the admin site: on success it says so, refreshes what it touched and
 * runs `onDone`; on failure it says what failed (the form shows field errors beside the field).
 */
export function useAdminMutation<Input, Output>({
  mutationFn,
  invalidate = [],
  success,
  onDone,
  quiet = false,
}: {
  mutationFn: (input: Input) => Promise<Output>;
  /** Query keys (prefixes) to refresh after success. */
  invalidate?: QueryKey[];
  /** The notification's title; the default says "Saved". */
  success?: string;
  onDone?: (output: Output, input: Input) => void;
  /** Field-level errors only, no failure notification (for forms that show them inline). */
  quiet?: boolean;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (output, input) => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      notifySaved(success);
      onDone?.(output, input);
    },
    onError: (error) => {
      if (!quiet) notifyFailed(error);
    },
  });
}
