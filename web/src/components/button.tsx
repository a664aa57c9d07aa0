import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { Spinner } from './spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'lg';

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  isLoading?: boolean;
  isBlock?: boolean;
};

/** Returns the class list of a button; also used to style links that look like buttons. */
export function buttonClassName({
  variant = 'primary',
  size = 'md',
  isBlock = false,
  className,
}: Pick<ButtonProps, 'variant' | 'size' | 'isBlock' | 'className'> = {}): string {
  return ['btn', `btn--${variant}`, size !== 'md' && `btn--${size}`, isBlock && 'btn--block', className]
    .filter(Boolean)
    .join(' ');
}

/** A button; while loading it stays in place, announces busy and ignores clicks. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, size, isLoading = false, isBlock, className, disabled, children, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={buttonClassName({ variant, size, isBlock, className })}
      disabled={disabled || isLoading}
      aria-busy={isLoading || undefined}
      {...rest}
    >
      {isLoading && <Spinner />}
      {children}
    </button>
  );
});
