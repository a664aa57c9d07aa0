import { Global, Module } from '@nestjs/common';
import { OrganizationsModule } from '../modules/organizations/organizations.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';

@Global()
@Module({
  imports: [OrganizationsModule],
  providers: [RealtimeService, RealtimeGateway],
  exports: [RealtimeService],
})
export class RealtimeModule {}
