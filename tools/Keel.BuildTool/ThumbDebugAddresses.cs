// Keel.BuildTool thumb-debug-addresses <object>: clears the Thumb bit from the code
// addresses in the DWARF of one of ILC's objects, rewriting it in place.
//
// Why: ILC (10.0, `-g`, --targetarch:arm) writes each code address in its debug
// sections (a method's DW_AT_low_pc, the ranges of its location lists) as a relocation
// against its code section whose addend is the method's *symbol* value plus an offset,
// and a Thumb function's symbol value has bit 0 set. Every such address comes out one
// byte past the instruction it means (0x0801c481 for a method at 0x0801c480). gdb
// takes DW_AT_low_pc as the method's first instruction, so its prologue analysis reads
// from an odd address, finds no prologue, and no backtrace gets past the innermost
// frame; location list ranges miss their first instruction. GCC never does this, so
// gdb has no correction of its own. Thumb instructions are 2-byte aligned, so bit 0
// of a code address means nothing else and clearing it is exact.
//
// The object is ELF32 with REL relocations (the ARM EABI's kind): the addend is the
// 32-bit word at the place, so it is fixed there. Only R_ARM_ABS32 relocations in
// .debug_* sections whose symbol lies in an executable section are touched.
using System.Buffers.Binary;
using static Keel.BuildTool.LoadSegments;

namespace Keel.BuildTool;

public static class ThumbDebugAddresses
{
    private const uint SectionTypeRel = 9;
    private const uint SectionFlagExecutable = 0x4;
    private const uint RelocationArmAbs32 = 2;
    private const int SectionHeaderSize = 40;
    private const int RelEntrySize = 8;
    private const int SymbolSize = 16;

    // Keel.BuildTool thumb-debug-addresses <object>: prints how many addresses it fixed.
    public static int Run(string objectPath)
    {
        byte[] elf = File.ReadAllBytes(objectPath);
        int fixedCount = Fix(elf);
        if (fixedCount > 0)
            File.WriteAllBytes(objectPath, elf);
        Console.WriteLine($"{objectPath}: {fixedCount} Thumb code addresses in its debug sections made even");
        return 0;
    }

    // Clears bit 0 of every debug-section addend that addresses code; returns how many
    // were odd.
    public static int Fix(byte[] elf)
    {
        RequireElf32(elf);
        int sectionTable = (int)U32(elf, 0x20);
        int sectionCount = U16(elf, 0x30);
        int names = (int)Section(elf, sectionTable, U16(elf, 0x32)).Offset;
        int fixedCount = 0;
        for (int index = 0; index < sectionCount; index++)
        {
            SectionHeader rel = Section(elf, sectionTable, index);
            if (rel.Type != SectionTypeRel)
                continue;
            SectionHeader target = Section(elf, sectionTable, (int)rel.Info);
            if (!Name(elf, names + (int)target.Name).StartsWith(".debug_", StringComparison.Ordinal))
                continue;
            SectionHeader symbols = Section(elf, sectionTable, (int)rel.Link);
            for (uint entry = rel.Offset; entry < rel.Offset + rel.Size; entry += RelEntrySize)
            {
                uint info = U32(elf, (int)entry + 4);
                if ((info & 0xFF) != RelocationArmAbs32)
                    continue;
                int symbolSection = U16(elf, (int)(symbols.Offset + (info >> 8) * SymbolSize + 14));
                // Special section indices (undefined, absolute, common) hold no code.
                if (symbolSection == 0 || symbolSection >= 0xFF00 || (Section(elf, sectionTable, symbolSection).Flags & SectionFlagExecutable) == 0)
                    continue;
                Span<byte> place = elf.AsSpan((int)(target.Offset + U32(elf, (int)entry)), 4);
                uint addend = BinaryPrimitives.ReadUInt32LittleEndian(place);
                if ((addend & 1) == 0)
                    continue;
                BinaryPrimitives.WriteUInt32LittleEndian(place, addend & ~1u);
                fixedCount++;
            }
        }
        return fixedCount;
    }

    private readonly record struct SectionHeader(uint Name, uint Type, uint Flags, uint Offset, uint Size, uint Link, uint Info);

    private static SectionHeader Section(byte[] elf, int table, int index)
    {
        int header = table + index * SectionHeaderSize;
        return new SectionHeader(U32(elf, header), U32(elf, header + 4), U32(elf, header + 8), U32(elf, header + 16), U32(elf, header + 20), U32(elf, header + 24), U32(elf, header + 28));
    }

    private static string Name(byte[] elf, int offset) =>
        System.Text.Encoding.ASCII.GetString(elf, offset, Array.IndexOf(elf, (byte)0, offset) - offset);
}
