/** The part of jstat 1.9 (CJS, untyped) that redline uses: the standard normal quantile. */
declare module 'jstat' {
  interface NormalDistribution {
    /** Quantile function: x with P(X <= x) = p. */
    inv(p: number, mean: number, sd: number): number;
  }
  const jStat: { normal: NormalDistribution };
  export default jStat;
}
