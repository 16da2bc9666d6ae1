// A linked 32-bit ELF image as the build tool reads it: its section headers, a
// section's bytes and load address, and its symbol table. The size report and the
// packed-data check read images through it.
using System.Text;

namespace Keel.BuildTool;

public sealed class ElfImage
{
    private const uint SectionAlloc = 0x2;
    private const uint SectionWrite = 0x1;
    private const uint SectionTypeNoBits = 8;
    private const uint SectionTypeSymbols = 2;

    public sealed record Section(string Name, uint Type, uint Flags, uint Address, uint Offset, uint Size, uint Link, uint EntrySize)
    {
        public bool Allocated => (Flags & SectionAlloc) != 0;
        public bool Writable => (Flags & SectionWrite) != 0;
        // Whether the file holds its bytes (NOLOAD and .bss-like sections do not).
        public bool Loaded => Type != SectionTypeNoBits;
    }

    private readonly byte[] _bytes;

    public IReadOnlyList<Section> Sections { get; }
    public IReadOnlyList<LoadSegments.Segment> Segments { get; }

    private ElfImage(byte[] bytes, IReadOnlyList<Section> sections)
    {
        _bytes = bytes;
        Sections = sections;
        Segments = LoadSegments.Read(bytes);
    }

    public static ElfImage Read(byte[] elf)
    {
        LoadSegments.RequireElf32(elf);
        uint sectionTable = U32(elf, 0x20);
        int entrySize = U16(elf, 0x2E);
        int count = U16(elf, 0x30);
        int namesIndex = U16(elf, 0x32);
        uint namesOffset = U32(elf, (int)sectionTable + namesIndex * entrySize + 0x10);
        var sections = new List<Section>();
        for (int i = 0; i < count; i++)
        {
            int header = (int)sectionTable + i * entrySize;
            sections.Add(new Section(
                Name: ReadName(elf, (int)(namesOffset + U32(elf, header))),
                Type: U32(elf, header + 0x04),
                Flags: U32(elf, header + 0x08),
                Address: U32(elf, header + 0x0C),
                Offset: U32(elf, header + 0x10),
                Size: U32(elf, header + 0x14),
                Link: U32(elf, header + 0x18),
                EntrySize: U32(elf, header + 0x24)));
        }
        return new ElfImage(elf, sections);
    }

    public byte[] Contents(Section section) =>
        section.Loaded ? _bytes.AsSpan((int)section.Offset, (int)section.Size).ToArray() : new byte[section.Size];

    // Where a loader puts the section: its run address moved by its segment's
    // load-minus-run offset (the run address for a section that runs where it is loaded).
    public uint LoadAddress(Section section) =>
        Segments.FirstOrDefault(s => section.Address >= s.VirtualAddress && section.Address - s.VirtualAddress < Math.Max(s.MemorySize, 1)) is { } segment
            ? section.Address - segment.VirtualAddress + segment.LoadAddress
            : section.Address;

    public sealed record Symbol(string Name, uint Value, uint Size);

    // Every named symbol of .symtab.
    public IReadOnlyList<Symbol> SymbolEntries()
    {
        var symbols = new List<Symbol>();
        foreach (Section table in Sections.Where(s => s.Type == SectionTypeSymbols))
        {
            Section names = Sections[(int)table.Link];
            for (uint entry = 0; entry + 16 <= table.Size; entry += 16)
            {
                int at = (int)(table.Offset + entry);
                string name = ReadName(_bytes, (int)(names.Offset + U32(_bytes, at)));
                if (name.Length > 0)
                    symbols.Add(new Symbol(name, U32(_bytes, at + 4), U32(_bytes, at + 8)));
            }
        }
        return symbols;
    }

    // Every named symbol with its value (the last one, for a name defined more than
    // once as a local).
    public IReadOnlyDictionary<string, uint> Symbols()
    {
        var symbols = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (Symbol symbol in SymbolEntries())
            symbols[symbol.Name] = symbol.Value;
        return symbols;
    }

    private static string ReadName(byte[] elf, int offset)
    {
        int end = offset;
        while (elf[end] != 0)
            end++;
        return Encoding.ASCII.GetString(elf, offset, end - offset);
    }

    private static uint U32(byte[] b, int offset) => LoadSegments.U32(b, offset);

    private static int U16(byte[] b, int offset) => LoadSegments.U16(b, offset);
}
