// A small, fast PRNG (Marsaglia's xorshift32): every random choice of the fuzzer comes
// from one of these, so a run is reproducible from its seed.
namespace Keel.Fuzz
{
    public struct Xorshift
    {
        private uint _state;

        // Any seed is fine: a zero state would stay zero, so it becomes a fixed non-zero one.
        public Xorshift(uint seed) => _state = seed != 0 ? seed : 0x9E3779B9u;

        public uint Next()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        // A number in 0..bound-1 (bound > 0); the slight bias of % does not matter here.
        public uint Below(uint bound) => Next() % bound;

        // Spreads the bits of a value (the murmur3 finaliser): turns (seed, task, start)
        // into well-separated seeds.
        public static uint Mix(uint value)
        {
            value ^= value >> 16;
            value *= 0x85EBCA6Bu;
            value ^= value >> 13;
            value *= 0xC2B2AE35u;
            value ^= value >> 16;
            return value;
        }
    }
}
