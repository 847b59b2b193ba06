'use client';
/**
 * Filing a case from a form, the same way for every procedure: one
 * Idempotency-Key per form instance (a double click or a lost answer files
 * once); a refusal keeps everything typed and shows each field's reason; a 4xx
 * filed nothing, so the corrected request gets a new key, while after a network
 * failure the outcome is unknown and the retry keeps it.
 */
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { CaseType } from '../../domain/views';
import { api, ApiError, fieldsUnder, newIdempotencyKey } from './api';

export function useCaseFiling(type: CaseType) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef('');
  if (!key.current) key.current = newIdempotencyKey();
  const inFlight = useRef(false);

  function refuse(ae: ApiError) {
    setError(ae);
    setErrors(fieldsUnder(ae.fields, 'payload.'));
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }

  /** `prepare` gives the payload to send, or the refusal the form's own checks found (nothing is sent then). */
  async function file(prepare: () => { payload: unknown } | ApiError): Promise<void> {
    if (inFlight.current) return;
    const prepared = prepare();
    if (prepared instanceof ApiError) return refuse(prepared);
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ id: string }>('/cases', { method: 'POST', body: { type, payload: prepared.payload }, headers: { 'Idempotency-Key': key.current } });
      router.push(`/cases/${encodeURIComponent(res.id)}`);
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      if (ae.status >= 400 && ae.status < 500) key.current = newIdempotencyKey();
      refuse(ae);
      setBusy(false);
      inFlight.current = false;
    }
  }

  return { errors, setErrors, error, busy, file };
}
