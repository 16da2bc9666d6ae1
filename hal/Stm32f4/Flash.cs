// The embedded flash interface (RM0368 section 3.8): wait states must be raised
// before the core clock is.
namespace Keel.Hal.Stm32f4
{
    public static class Flash
    {
        public const uint Base = 0x40023C00;

        public static readonly Register32 Acr = new Register32(Base, 0x00);

        public const uint AcrLatencyMask = 0xF;
        public const uint AcrPrefetchEnable = 1u << 8;
        public const uint AcrInstructionCacheEnable = 1u << 9;
        public const uint AcrDataCacheEnable = 1u << 10;
    }
}
