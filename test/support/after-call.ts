/**
 * Stages "someone else acts at this moment of our conversation with AWS": `after(answer)` runs
 * once a command named `name` (`PutParameterCommand`...) sent through `client` has been answered,
 * before the library sees the answer. Any SDK v3 client.
 */
export function afterCall<C extends { send: unknown }>(
  client: C,
  name: string,
  after: (answer: unknown) => Promise<unknown> | void,
): C {
  const send = (client.send as (c: unknown) => Promise<unknown>).bind(client);
  client.send = (async (cmd: { constructor: { name: string } }) => {
    const out = await send(cmd);
    if (cmd.constructor.name === name) await after(out);
    return out;
  }) as never;
  return client;
}
