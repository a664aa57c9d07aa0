import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  ZCodeRequested,
  ZEmailSignIn,
  ZEmailSignUp,
  ZEmailSignUpRequested,
  ZRequestCode,
  ZSession,
  ZVerifyCode,
  ZVerifyEmailSignUp,
} from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { AppRequest } from '../../common/http/request-context';
import { AccountsService } from './accounts.service';
import { AuthService } from './auth.service';
import { SignedIn } from './decorators';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Get('session')
  @Endpoint({ summary: 'Who is signed in, and the CSRF token', response: ZSession, tags: ['auth'] })
  session(@Req() request: AppRequest) {
    return this.accounts.session(request);
  }

  @Post('code')
  @HttpCode(200)
  @Endpoint({
    summary: 'Send a sign-in code by SMS',
    body: ZRequestCode,
    response: ZCodeRequested,
    status: 200,
    tags: ['auth'],
  })
  requestCode(@Body() input: z.output<typeof ZRequestCode>, @Req() request: AppRequest) {
    return this.auth.requestCode(input, request);
  }

  @Post('code/verify')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sign in (or up) with an SMS code',
    body: ZVerifyCode,
    response: ZSession,
    status: 200,
    tags: ['auth'],
  })
  verifyCode(
    @Body() input: z.output<typeof ZVerifyCode>,
    @Req() request: AppRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.auth.verifyCode(input, request, reply);
  }

  @Post('email/sign-up')
  @HttpCode(202)
  @Endpoint({
    summary: 'Start an account with email and password: a code goes to the address',
    body: ZEmailSignUp,
    response: ZEmailSignUpRequested,
    status: 202,
    tags: ['auth'],
  })
  emailSignUp(@Body() input: z.output<typeof ZEmailSignUp>, @Req() request: AppRequest) {
    return this.auth.emailSignUp(input, request);
  }

  @Post('email/sign-up/verify')
  @HttpCode(201)
  @Endpoint({
    summary: 'Create the account with the code from the e-mail, and sign in',
    body: ZVerifyEmailSignUp,
    response: ZSession,
    status: 201,
    tags: ['auth'],
  })
  verifyEmailSignUp(
    @Body() input: z.output<typeof ZVerifyEmailSignUp>,
    @Req() request: AppRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.auth.verifyEmailSignUp(input, request, reply);
  }

  @Post('email/sign-in')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sign in with email and password',
    body: ZEmailSignIn,
    response: ZSession,
    status: 200,
    tags: ['auth'],
  })
  emailSignIn(
    @Body() input: z.output<typeof ZEmailSignIn>,
    @Req() request: AppRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.auth.emailSignIn(input, request, reply);
  }

  @Post('sign-out')
  @HttpCode(204)
  @SignedIn()
  @Endpoint({ summary: 'End this session', status: 204, tags: ['auth'] })
  async signOut(@Req() request: AppRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.signOut(request, reply);
  }
}
