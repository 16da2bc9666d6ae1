// The PMSAv7 Memory Protection Unit's registers (ARMv7-M ARM B3.5).
namespace Keel.Hal.Arm
{
    public static class Mpu
    {
        public static readonly Register32 Type = new Register32(0xE000ED90);
        public static readonly Register32 Ctrl = new Register32(0xE000ED94);
        public static readonly Register32 Rnr = new Register32(0xE000ED98);
        public static readonly Register32 Rbar = new Register32(0xE000ED9C);
        public static readonly Register32 Rasr = new Register32(0xE000EDA0);

        // MPU_CTRL: the MPU on, and privileged code keeps the default memory map where
        // no region matches.
        public const uint CtrlEnable = 1u << 0;
        public const uint CtrlPrivilegedDefaultMap = 1u << 2;

        // MPU_TYPE.DREGION: the number of data regions the MPU implements (0: no MPU).
        public static uint RegionCount => (Type.Read() >> 8) & 0xFF;
    }
}
