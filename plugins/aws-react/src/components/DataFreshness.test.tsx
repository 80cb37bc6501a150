import { render, screen } from '@testing-library/react';
import { DataFreshness } from './DataFreshness';

const now = new Date('2026-11-24T12:00:00Z');

describe('DataFreshness', () => {
  it('says how old the data is and why a stale account is stale', () => {
    render(
      <DataFreshness
        now={now}
        accountRegions={[
          { accountId: '111111111111', region: 'us-east-1', collectedAt: '2026-11-24T11:57:00Z', stale: false },
          {
            accountId: '222222222222',
            region: 'us-west-2',
            collectedAt: '2026-11-24T09:00:00Z',
            stale: true,
            error: "AWS refused the portal's credentials for account 222222222222 in us-west-2 (ExpiredTokenException: expired).",
          },
        ]}
      />,
    );
    expect(screen.getByText('Collected 3 min ago from 1 account × region.')).toBeInTheDocument();
    expect(
      screen.getByText(/222222222222 \/ us-west-2: showing data collected 3 h ago\. AWS refused/),
    ).toBeInTheDocument();
  });

  it('says when nothing has been collected', () => {
    render(<DataFreshness now={now} accountRegions={[]} />);
    expect(screen.getByText(/Nothing collected yet/)).toBeInTheDocument();
  });
});
