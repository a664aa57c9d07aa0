import { AppError } from '../../common/errors/app-error';

/** The sign-in errors of the identity module, in one place. */
export const IdentityErrors = {
  /** Same answer for every identifier, with or without an account. */
  locked: () => new AppError('identity.account_locked', 423, 'Too many failed attempts from here; try again later'),
  credentialsInvalid: () => new AppError('identity.credentials_invalid', 401, 'Wrong email or password'),
  codeInvalid: () => new AppError('identity.code_invalid', 400, 'Wrong code', { code: 'invalid' }),
  codeExpired: () => new AppError('identity.code_expired', 400, 'The code has expired', { code: 'invalid' }),
  codeTooManyAttempts: () =>
    new AppError('identity.code_too_many_attempts', 400, 'Too many wrong attempts; the code no longer works', {
      code: 'invalid',
    }),
  codeResendTooSoon: () => new AppError('identity.code_resend_too_soon', 429, 'Wait before asking for another code'),
  accountDisabled: () => new AppError('identity.account_disabled', 403, 'This account is disabled'),
  accountNotFound: () => new AppError('identity.account_not_found', 404, 'Account not found'),
  /** The municipality signed into does not allow this way of signing in. */
  signInMethodDisabled: (method: string) =>
    new AppError('identity.sign_in_method_disabled', 403, `This municipality does not allow signing in with ${method}`),
  displayNameRequired: () =>
    new AppError('common.validation_failed', 400, 'A new account needs a display name', { displayName: 'required' }),
};
