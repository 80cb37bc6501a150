import type { AccountRegion } from '@internal/plugin-aws-common';
import type { AwsClientFactory } from '../clients';

/**
 * A recorded answer: the output AWS gave for a command (or a function of the
 * request and of the account × Region asked), or a change to what the
 * emulator answered, for a field it cannot produce (RDS's
 * LatestRestorableTime, which moto always sets to now).
 */
export type RecordedAnswer =
  | { output: object | ((input: any, where: AccountRegion) => object) }
  | { amend: (output: any, input: any, where: AccountRegion) => object };

/**
 * Puts a recorded-answer double in front of every client the factory makes,
 * in the SDK's own middleware: a command with a recorded `output` is
 * answered before any request is sent; one with `amend` goes to the emulator
 * and its answer is amended; every other command goes to the emulator as it
 * is. Tests use it only for what moto does not produce, and say which.
 *
 * @returns the commands the clients sent, answered or not: their names
 *   (`GetAnomaliesCommand`), or with `qualified` their clients' too
 *   (`CostExplorerClient.GetAnomaliesCommand`, as `actionsMissingFromPolicy` reads them)
 */
export function useRecordedAnswers(
  clients: AwsClientFactory,
  recorded: Record<string, RecordedAnswer>,
  options: { qualified?: boolean } = {},
): string[] {
  const sent: string[] = [];
  const create = clients.create.bind(clients);
  clients.create = (async (ClientClass: any, where: AccountRegion, overrides: any) => {
    const client: any = await create(ClientClass, where, overrides);
    client.middlewareStack.add(
      (next: any, context: any) => async (args: any) => {
        sent.push(options.qualified ? `${context.clientName}.${context.commandName}` : context.commandName);
        const answer = recorded[context.commandName];
        if (answer && 'output' in answer) {
          const output = typeof answer.output === 'function' ? answer.output(args.input, where) : answer.output;
          return { output: { $metadata: {}, ...output }, response: {} };
        }
        const result = await next(args);
        return answer ? { ...result, output: answer.amend(result.output, args.input, where) } : result;
      },
      { step: 'initialize', name: 'recordedAnswers', override: true },
    );
    return client;
  }) as AwsClientFactory['create'];
  return sent;
}
