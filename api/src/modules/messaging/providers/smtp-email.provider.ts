import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailProvider } from './providers';

/** Email through an SMTP server (SMTP_URL, e.g. smtps://user:pass@mail.example.org). */
export class SmtpEmailProvider implements EmailProvider {
  readonly name = 'smtp';
  readonly delivers = true;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: { to: string; subject: string; text: string }): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }
}
