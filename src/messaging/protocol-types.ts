/** A protocol map: one verb each, one data object in, one value out. */
export type ProtocolShape<Map> = { [N in keyof Map]: (data: never) => unknown };

/** The data a verb of `Map` takes. */
export type VerbData<Map extends ProtocolShape<Map>, N extends keyof Map> = Parameters<Map[N]>[0];

/** The value a verb of `Map` answers with. */
export type VerbValue<Map extends ProtocolShape<Map>, N extends keyof Map> = ReturnType<Map[N]>;

/** The envelope on the wire, `{ keyfob: 1, name, data }`, the same for every protocol. */
export interface EnvelopeOf<Map extends ProtocolShape<Map>, N extends keyof Map = keyof Map> {
  keyfob: 1;
  name: N;
  data: VerbData<Map, N>;
}

/** Sends one request of `Map` to the background and unwraps its reply (errors throw). */
export type SendOf<Map extends ProtocolShape<Map>> = <N extends keyof Map>(
  name: N,
  data: VerbData<Map, N>,
) => Promise<VerbValue<Map, N>>;
