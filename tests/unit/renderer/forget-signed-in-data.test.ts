import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/ipc/schemas.js';
import { forgetSignedInData, leavesPerson } from '../../../renderer/src/session/forget-signed-in-data.js';

function signedIn(id: string, locked = false): SessionState {
  return {
    status: 'signed-in',
    locked,
    mustChangePassword: false,
    staff: { id, name: id, role: 'specialist', certified: false },
  };
}
const signedOut: SessionState = { status: 'signed-out' };

describe('forgetting what a person loaded', () => {
  it('drops every query and mutation but the device status', async () => {
    const client = new QueryClient();
    client.setQueryData(['app.info'], { product: 'Snowdesk' });
    client.setQueryData(['network.status'], { os: 'online' });
    client.setQueryData(['staff.list'], [{ name: 'Li Na' }]);
    client.setQueryData(['records.workspace', 'x'], { guests: 3 });
    await client
      .getMutationCache()
      .build(client, { mutationFn: (variables: { password: string }) => Promise.resolve(variables) })
      .execute({ password: 'typed-secret' });
    expect(client.getMutationCache().getAll()).toHaveLength(1);

    forgetSignedInData(client);

    expect(
      client
        .getQueryCache()
        .getAll()
        .map((q) => q.queryKey[0]),
    ).toEqual(['app.info', 'network.status']);
    expect(client.getMutationCache().getAll()).toHaveLength(0);
  });

  it('is due when the open session locks, ends or changes hands', () => {
    expect(leavesPerson(signedIn('a'), signedIn('a', true))).toBe(true);
    expect(leavesPerson(signedIn('a'), signedOut)).toBe(true);
    expect(leavesPerson(signedIn('a'), signedIn('b'))).toBe(true);
  });

  it('is not due while the same person works, or when nobody was working', () => {
    expect(leavesPerson(signedIn('a'), signedIn('a'))).toBe(false);
    expect(leavesPerson(undefined, signedIn('a'))).toBe(false);
    expect(leavesPerson(signedOut, signedIn('a'))).toBe(false);
    expect(leavesPerson(signedIn('a', true), signedIn('a'))).toBe(false);
  });
});
