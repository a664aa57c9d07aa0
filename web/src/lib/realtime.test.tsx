import { act, render } from '@testing-library/react';
import { useSocketEffect, useWatchOrganization } from './realtime';
import { closeSocket } from './socket-client';

// socket.io-client itself, faked: the test sees whether the page ever asked for a connection.
const fakeSocket = { connected: true, emit: jest.fn(), on: jest.fn(), off: jest.fn(), disconnect: jest.fn() };
const io = jest.fn(() => fakeSocket);
jest.mock('socket.io-client', () => ({ io: () => io() }));

function MunicipalityPage({ isLive }: { isLive: boolean }) {
  useWatchOrganization('isfahan');
  useSocketEffect(isLive, () => () => {}, [isLive]);
  return null;
}

/** Lets the dynamic import of socket.io-client and its callbacks settle. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('realtime on a page an anonymous visitor reads', () => {
  afterEach(() => {
    closeSocket();
    jest.clearAllMocks();
  });

  it('opens no connection (and downloads no socket.io) only to watch the municipality', async () => {
    render(<MunicipalityPage isLive={false} />);
    await settle();
    expect(io).not.toHaveBeenCalled();
    expect(fakeSocket.emit).not.toHaveBeenCalled();
  });

  it('joins the municipality room on the connection a live view opens', async () => {
    const view = render(<MunicipalityPage isLive={false} />);
    await settle();
    // The visitor opens a live part of the page (a comment thread, a support count).
    view.rerender(<MunicipalityPage isLive />);
    await settle();
    expect(io).toHaveBeenCalledTimes(1);
    expect(fakeSocket.emit).toHaveBeenCalledWith('organization.watch', { organizationSlug: 'isfahan' });
  });
});
