import type { ReactNode } from 'react';
import { RequireRole } from '@/features/identity/components/require-role';

const PLANNING_ROLES = ['planner', 'admin'] as const;

/** Shows its children only to the municipality's planners and admins; visitors sign in first. */
export function RequirePlanner({ children }: { children: ReactNode }) {
  return <RequireRole roles={PLANNING_ROLES}>{children}</RequireRole>;
}
