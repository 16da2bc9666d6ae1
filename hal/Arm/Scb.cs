// The System Control Block (ARMv7-M Architecture Reference Manual, B3.2): CPU
// identification, exception control and the fault status registers.
namespace Keel.Hal.Arm
{
    public static class Scb
    {
        public static readonly Register32 Cpuid = new Register32(0xE000ED00);
        public static readonly Register32 Icsr = new Register32(0xE000ED04);
        public static readonly Register32 Vtor = new Register32(0xE000ED08);
        public static readonly Register32 Aircr = new Register32(0xE000ED0C);
        public static readonly Register32 Scr = new Register32(0xE000ED10);
        public static readonly Register32 Ccr = new Register32(0xE000ED14);
        public static readonly Register32 Shcsr = new Register32(0xE000ED24);
        public static readonly Register32 Cfsr = new Register32(0xE000ED28);
        public static readonly Register32 Hfsr = new Register32(0xE000ED2C);
        public static readonly Register32 Mmfar = new Register32(0xE000ED34);
        public static readonly Register32 Bfar = new Register32(0xE000ED38);
    }

    // CPUID fields (ARMv7-M ARM B3.2.3).
    public readonly struct CpuId
    {
        public readonly uint Value;

        public CpuId(uint value) => Value = value;

        public static CpuId Read() => new CpuId(Scb.Cpuid.Read());

        public uint Implementer => Value >> 24;

        public uint Variant => (Value >> 20) & 0xF;

        public uint PartNumber => (Value >> 4) & 0xFFF;

        public uint Revision => Value & 0xF;

        public const uint PartCortexM3 = 0xC23;
        public const uint PartCortexM4 = 0xC24;
        public const uint PartCortexM7 = 0xC27;

        public string CoreName => PartNumber switch
        {
            PartCortexM3 => "Cortex-M3",
            PartCortexM4 => "Cortex-M4",
            PartCortexM7 => "Cortex-M7",
            _ => "unknown core",
        };
    }
}
