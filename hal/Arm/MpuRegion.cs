// One PMSAv7 MPU region as the pair of register values that programs it (ARMv7-M ARM
// B3.5.8 MPU_RBAR, B3.5.9 MPU_RASR). The same source builds for the chip (the kernel
// writes a task's regions on a context switch) and for the host (the build tool
// computes every task's regions from the system description ahead of time), so it keeps
// to what the bare-metal core library offers: structs, enums, constants and static
// methods; no allocation, no exceptions, no strings. A region that cannot be encoded is
// reported as an MpuEncodeError value instead.
//
// RBAR carries VALID and REGION as well as the base address, so one RBAR write selects
// the region and a following RASR write programs it: no separate RNR write is needed.
namespace Keel.Hal.Arm
{
    // Who may access a region: each member's value is its MPU_RASR.AP encoding
    // (ARMv7-M ARM Table B3-15).
    public enum MpuAccess : uint
    {
        NoAccess = 0b000,
        PrivilegedOnly = 0b001,
        PrivilegedWriteUnprivilegedRead = 0b010,
        FullAccess = 0b011,
        PrivilegedReadOnly = 0b101,
        ReadOnly = 0b110,
    }

    // What kind of memory a region maps: each member's value is its MPU_RASR TEX, S, C
    // and B bits in place (ARMv7-M ARM Table B3-13).
    public enum MpuMemoryType : uint
    {
        // Normal memory, outer and inner write-through, no write allocate; not shareable.
        Flash = MpuRegion.CacheableBit,
        // Normal memory, outer and inner write-back, write and read allocate; shareable.
        Sram = (0b001u << MpuRegion.TexShift) | MpuRegion.ShareableBit | MpuRegion.CacheableBit | MpuRegion.BufferableBit,
        // Shared device memory.
        Device = MpuRegion.ShareableBit | MpuRegion.BufferableBit,
        // Strongly-ordered memory (always shareable).
        StronglyOrdered = 0,
    }

    public enum MpuEncodeError
    {
        None,
        SizeNotPowerOfTwo,
        SizeTooSmall,
        BaseNotAligned,
        SubregionsOnSmallRegion,
        BadRegionNumber,
    }

    public readonly struct MpuRegion
    {
        public const uint RegionCount = 8;

        // The highest-numbered region (which wins where regions overlap) is the kernel's:
        // a no-access guard at the bottom of the main stack, in every task's MPU image.
        // Tasks get the others. The guard is larger than the kernel's stack frames, so a
        // frame allocated past the stack's end lands in it rather than beyond it
        // (sdk/targets/keel-image.ld reserves and aligns it).
        public const uint KernelStackGuardRegion = RegionCount - 1;
        public const uint TaskRegionCount = RegionCount - 1;
        public const uint KernelStackGuardSize = 256;
        public const uint MinimumSize = 32;
        // Sub-regions are only implemented for regions of 256 bytes or more.
        public const uint MinimumSizeWithSubregions = 256;

        // MPU_RBAR fields.
        public const uint ValidBit = 1u << 4;
        public const uint RegionFieldMask = 0xF;

        // MPU_RASR fields.
        public const uint EnableBit = 1u << 0;
        public const int SizeShift = 1;
        public const int SubregionDisableShift = 8;
        public const uint BufferableBit = 1u << 16;
        public const uint CacheableBit = 1u << 17;
        public const uint ShareableBit = 1u << 18;
        public const int TexShift = 19;
        public const uint MemoryTypeMask = (0b111u << TexShift) | ShareableBit | CacheableBit | BufferableBit;
        public const int AccessShift = 24;
        public const uint AccessFieldMask = 0b111;
        public const uint ExecuteNeverBit = 1u << 28;

        public readonly uint Rbar;
        public readonly uint Rasr;

        private MpuRegion(uint rbar, uint rasr)
        {
            Rbar = rbar;
            Rasr = rasr;
        }

        // A region that grants nothing: writing it turns region `regionNumber` off.
        public static MpuRegion Disabled(uint regionNumber) =>
            new MpuRegion(ValidBit | (regionNumber & RegionFieldMask), 0);

        // Encodes an enabled region of `size` bytes (a power of two, at least 32) at
        // `baseAddress` (a multiple of `size`). Bit n of `subregionDisable` turns off the
        // n-th eighth of the region; regions under 256 bytes have no sub-regions.
        public static MpuEncodeError TryEncode(
            uint regionNumber,
            uint baseAddress,
            uint size,
            MpuAccess access,
            MpuMemoryType type,
            bool executeNever,
            byte subregionDisable,
            out MpuRegion region)
        {
            region = default;
            if (regionNumber >= RegionCount)
                return MpuEncodeError.BadRegionNumber;
            if (size == 0 || (size & (size - 1)) != 0)
                return MpuEncodeError.SizeNotPowerOfTwo;
            if (size < MinimumSize)
                return MpuEncodeError.SizeTooSmall;
            if ((baseAddress & (size - 1)) != 0)
                return MpuEncodeError.BaseNotAligned;
            if (subregionDisable != 0 && size < MinimumSizeWithSubregions)
                return MpuEncodeError.SubregionsOnSmallRegion;

            uint rasr = EnableBit
                | ((Log2(size) - 1) << SizeShift)
                | ((uint)subregionDisable << SubregionDisableShift)
                | ((uint)type & MemoryTypeMask)
                | (((uint)access & AccessFieldMask) << AccessShift);
            if (executeNever)
                rasr |= ExecuteNeverBit;
            region = new MpuRegion(baseAddress | ValidBit | regionNumber, rasr);
            return MpuEncodeError.None;
        }

        // log2 of a power of two.
        private static uint Log2(uint powerOfTwo)
        {
            uint log = 0;
            while ((powerOfTwo >>= 1) != 0)
                log++;
            return log;
        }
    }
}
