import { AuthPage } from './auth-page';

/** `/:slug/sign-up`: mobile + name then code, or e-mail + password + name. */
export default function SignUpPage() {
  return <AuthPage mode="sign-up" />;
}
