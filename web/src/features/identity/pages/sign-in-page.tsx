import { AuthPage } from './auth-page';

/** `/:slug/sign-in`: mobile + code, or e-mail + password. */
export default function SignInPage() {
  return <AuthPage mode="sign-in" />;
}
