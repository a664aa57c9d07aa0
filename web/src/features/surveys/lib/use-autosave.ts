import { useEffect, useRef, useState } from 'react';

/** How long the answers must stay still before a draft is sent: one request per pause, not per key. */
export const AUTOSAVE_DELAY_MS = 1500;

/** Where the draft is: nothing to save, waiting for a pause, being sent, saved, or failed. */
export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

/**
 * Sends `value` with `save` once it has stopped changing for `delayMs`; a change while a save is in
 * flight is sent after it (never two at once, so an older draft cannot overwrite a newer one).
 * `isEnabled` false (a preview, a submitted response) sends nothing.
 */
export function useAutosave<T>(
  value: T,
  save: (value: T) => Promise<unknown>,
  { delayMs = AUTOSAVE_DELAY_MS, isEnabled = true } = {},
) {
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const serialized = JSON.stringify(value ?? null);
  const lastSent = useRef(serialized);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    if (!isEnabled || serialized === lastSent.current) return;
    setStatus('pending');
    const timer = setTimeout(() => {
      const run = async () => {
        if (inFlight.current) await inFlight.current.catch(() => undefined);
        const body = JSON.stringify(latest.current ?? null);
        if (body === lastSent.current) return setStatus('saved');
        setStatus('saving');
        const request = saveRef.current(latest.current);
        inFlight.current = request;
        try {
          await request;
          lastSent.current = body;
          setStatus('saved');
        } catch {
          setStatus('failed');
        } finally {
          if (inFlight.current === request) inFlight.current = null;
        }
      };
      void run();
    }, delayMs);
    return () => clearTimeout(timer);
  }, [serialized, isEnabled, delayMs]);

  return status;
}
