import { useEffect, useState } from 'react';

/** Seconds left until `restart(seconds)`'s deadline; 0 when it has passed. */
export function useCountdown(): { secondsLeft: number; restart: (seconds: number) => void } {
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline <= now) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline, now]);
  return {
    secondsLeft: Math.max(0, Math.ceil((deadline - now) / 1000)),
    restart: (seconds: number) => {
      const start = Date.now();
      setNow(start);
      setDeadline(start + seconds * 1000);
    },
  };
}
