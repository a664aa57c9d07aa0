import { createContext, useContext } from 'react';
import { Button, type ButtonProps } from '@/components/button';

/**
 * Whether the survey's structure is locked: once it has responses only its wording may change, so
 * every control that would change the structure (add, move, delete, types' settings, conditions) is
 * disabled, and the texts stay editable.
 */
export const StructureLockContext = createContext(false);

/** True while the structure is locked. */
export function useIsStructureLocked(): boolean {
  return useContext(StructureLockContext);
}

/** A button that changes the structure: disabled while it is locked. */
export function StructureButton({ disabled, ...props }: ButtonProps) {
  const isLocked = useIsStructureLocked();
  return <Button {...props} disabled={isLocked || disabled} />;
}
