import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { DevOutboxController } from './dev-outbox.controller';
import { MessagingService } from './messaging.service';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRepository } from './outbox.repository';
import { HttpSmsProvider } from './providers/http-sms.provider';
import { OutboxEmailProvider, OutboxSmsProvider } from './providers/outbox.providers';
import { EMAIL_PROVIDER, SMS_PROVIDER } from './providers/providers';
import { SmtpEmailProvider } from './providers/smtp-email.provider';

/** SMS and email: an outbox table, providers chosen by the environment, delivery by jobs. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [DevOutboxController],
  providers: [
    OutboxRepository,
    MessagingService,
    {
      provide: SMS_PROVIDER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.env.SMS_PROVIDER === 'http'
          ? new HttpSmsProvider(config.env.SMS_HTTP_URL!, config.env.SMS_HTTP_TOKEN)
          : new OutboxSmsProvider(),
    },
    {
      provide: EMAIL_PROVIDER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.env.SMTP_URL
          ? new SmtpEmailProvider(config.env.SMTP_URL, config.env.MAIL_FROM)
          : new OutboxEmailProvider(),
    },
  ],
  exports: [MessagingService],
})
export class MessagingModule {}
