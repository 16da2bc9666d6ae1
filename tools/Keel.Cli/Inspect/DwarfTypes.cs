// The kernel's types as the image's DWARF describes them: each structure's size and its
// members' offsets and types, and each enumeration's names, read from .debug_info and
// .debug_abbrev (DWARF 2 to 4, 32-bit format, as ILC writes it). Only what `keel inspect`
// needs: no locations, no line tables. ILC writes a type's full description once per
// compile unit among declarations of the same name, so a declaration never replaces a
// description.
using System.Text;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Keel.Cli.Inspect;

public sealed record DwarfMember(string Name, uint Offset, DwarfType? Type);

public sealed class DwarfType(string name, uint size)
{
    public string Name { get; } = name;

    public uint Size { get; } = size;

    public List<DwarfMember> Members { get; } = [];

    // An enumeration's names by value (empty for a structure).
    public Dictionary<long, string> Enumerators { get; } = [];

    // What a reference, pointer or array type points at.
    public DwarfType? Target { get; internal set; }

    public DwarfMember Member(string name) =>
        Members.FirstOrDefault(member => member.Name == name)
        ?? throw new InvalidDataException($"the image's DWARF gives {Name} no member {name}");
}

public sealed class DwarfTypes
{
    private readonly Dictionary<string, DwarfType> _byName = [];

    public DwarfType this[string name] => _byName.TryGetValue(name, out DwarfType? type)
        ? type
        : throw new InvalidDataException($"the image's DWARF describes no type {name} (was it built with -g?)");

    public bool Contains(string name) => _byName.ContainsKey(name);

    public static DwarfTypes Load(string elfPath)
    {
        using var elf = ELFReader.Load<uint>(elfPath);
        byte[]? Contents(string name) => elf.TryGetSection(name, out Section<uint>? section) ? section!.GetContents() : null;
        string missing = $"{elfPath} has no {{0}} section: it was built without debug information";
        return Parse(Contents(".debug_info") ?? throw new InvalidDataException(string.Format(missing, ".debug_info")),
            Contents(".debug_abbrev") ?? throw new InvalidDataException(string.Format(missing, ".debug_abbrev")),
            Contents(".debug_str") ?? []);
    }

    // DWARF constants this reader uses (DWARF 4, section 7).
    private const int TagArrayType = 0x01, TagClassType = 0x02, TagEnumerationType = 0x04, TagMember = 0x0d,
        TagPointerType = 0x0f, TagReferenceType = 0x10, TagStructureType = 0x13, TagEnumerator = 0x28, TagInheritance = 0x1c;
    private const int AtName = 0x03, AtByteSize = 0x0b, AtConstValue = 0x1c, AtDataMemberLocation = 0x38, AtType = 0x49, AtDeclaration = 0x3c;

    private sealed record Abbreviation(int Tag, bool HasChildren, (int Attribute, int Form)[] Attributes);

    private sealed class Entry
    {
        public int Tag;
        public string? Name;
        public uint? Size;
        public long? Value;
        public uint? TypeOffset;
        public bool Declaration;
        public DwarfType? Built;
        public List<Entry> Children = [];
    }

    public static DwarfTypes Parse(byte[] info, byte[] abbrev, byte[] strings)
    {
        var entries = new Dictionary<uint, Entry>();
        var reader = new DwarfReader(info);
        while (reader.Position < info.Length)
        {
            uint unitStart = (uint)reader.Position;
            uint length = reader.U32();
            if (length >= 0xfffffff0)
                throw new InvalidDataException("64-bit DWARF is not supported");
            int unitEnd = reader.Position + (int)length;
            ushort version = reader.U16();
            if (version < 2 || version > 4)
                throw new InvalidDataException($"DWARF version {version} is not supported (2 to 4 are)");
            uint abbrevOffset = reader.U32();
            byte addressSize = reader.U8();
            Dictionary<ulong, Abbreviation> abbreviations = ReadAbbreviations(abbrev, (int)abbrevOffset);
            var parents = new Stack<Entry?>();
            Entry? parent = null;
            while (reader.Position < unitEnd)
            {
                uint offset = (uint)reader.Position;
                ulong code = reader.Uleb();
                if (code == 0)
                {
                    // ILC ends some sibling lists twice: an end marker at the top level is padding.
                    parent = parents.Count > 0 ? parents.Pop() : null;
                    continue;
                }
                if (!abbreviations.TryGetValue(code, out Abbreviation? abbreviation))
                    throw new InvalidDataException($"DIE at 0x{offset:x} uses abbreviation {code}, which .debug_abbrev does not define");
                var entry = new Entry { Tag = abbreviation.Tag };
                foreach (var (attribute, form) in abbreviation.Attributes)
                    ReadAttribute(reader, entry, attribute, form, unitStart, addressSize, strings);
                entries[offset] = entry;
                parent?.Children.Add(entry);
                if (abbreviation.HasChildren)
                {
                    parents.Push(parent);
                    parent = entry;
                }
            }
            reader.Position = unitEnd;
        }
        return Build(entries);
    }

    private static DwarfTypes Build(Dictionary<uint, Entry> entries)
    {
        var types = new DwarfTypes();
        static bool Describes(Entry entry) =>
            entry.Tag is TagClassType or TagStructureType or TagEnumerationType && !entry.Declaration && entry.Name is not null;
        foreach (Entry entry in entries.Values.Where(Describes))
        {
            entry.Built = new DwarfType(entry.Name!, entry.Size ?? 0);
            types._byName.TryAdd(entry.Name!, entry.Built);
        }
        DwarfType? TypeAt(uint? offset)
        {
            if (offset is null || !entries.TryGetValue(offset.Value, out Entry? entry))
                return null;
            if (entry.Built is not null)
                return entry.Built;
            // A declaration stands for the description of the same name.
            if (entry.Declaration && entry.Name is not null && types._byName.TryGetValue(entry.Name, out DwarfType? described))
                return entry.Built = described;
            entry.Built = new DwarfType(entry.Name ?? "", entry.Size ?? 0);
            if (entry.Tag is TagPointerType or TagReferenceType or TagArrayType)
                entry.Built.Target = TypeAt(entry.TypeOffset);
            return entry.Built;
        }
        foreach (Entry entry in entries.Values.Where(Describes))
        {
            DwarfType type = entry.Built!;
            if (types._byName[entry.Name!] != type)
                continue;
            foreach (Entry child in entry.Children)
            {
                if (child.Tag == TagMember && child.Name is not null && child.Value is not null)
                    type.Members.Add(new DwarfMember(child.Name, (uint)child.Value.Value, TypeAt(child.TypeOffset)));
                else if (child.Tag == TagInheritance)
                    type.Members.Add(new DwarfMember("<base>", (uint)(child.Value ?? 0), TypeAt(child.TypeOffset)));
                else if (child.Tag == TagEnumerator && child.Name is not null && child.Value is not null)
                    type.Enumerators[child.Value.Value] = child.Name;
            }
        }
        return types;
    }

    private static Dictionary<ulong, Abbreviation> ReadAbbreviations(byte[] abbrev, int offset)
    {
        var result = new Dictionary<ulong, Abbreviation>();
        var reader = new DwarfReader(abbrev) { Position = offset };
        while (true)
        {
            ulong code = reader.Uleb();
            if (code == 0)
                return result;
            int tag = (int)reader.Uleb();
            bool children = reader.U8() != 0;
            var attributes = new List<(int, int)>();
            while (true)
            {
                int attribute = (int)reader.Uleb();
                int form = (int)reader.Uleb();
                if (attribute == 0 && form == 0)
                    break;
                attributes.Add((attribute, form));
            }
            result[code] = new Abbreviation(tag, children, [.. attributes]);
        }
    }

    // Reads one attribute's value in `form`, keeping the attributes this reader uses.
    private static void ReadAttribute(DwarfReader reader, Entry entry, int attribute, int form, uint unitStart, byte addressSize, byte[] strings)
    {
        long? number = null;
        string? text = null;
        switch (form)
        {
            case 0x01: number = addressSize == 8 ? (long)reader.U64() : reader.U32(); break;        // addr
            case 0x03: reader.Skip(reader.U16()); break;                                            // block2
            case 0x04: reader.Skip((int)reader.U32()); break;                                       // block4
            case 0x05: number = reader.U16(); break;                                                // data2
            case 0x06: number = reader.U32(); break;                                                // data4
            case 0x07: number = (long)reader.U64(); break;                                          // data8
            case 0x08: text = reader.CString(); break;                                              // string
            case 0x09: case 0x18: reader.Skip((int)reader.Uleb()); break;                           // block, exprloc
            case 0x0a: number = BlockConstant(reader, reader.U8()); break;                          // block1
            case 0x0b: number = reader.U8(); break;                                                 // data1
            case 0x0c: number = reader.U8(); break;                                                 // flag
            case 0x0d: number = reader.Sleb(); break;                                               // sdata
            case 0x0e: text = StringAt(strings, reader.U32()); break;                               // strp
            case 0x0f: number = (long)reader.Uleb(); break;                                         // udata
            case 0x10: number = reader.U32(); break;                                                // ref_addr (one unit's types refer within it)
            case 0x11: number = unitStart + reader.U8(); break;                                     // ref1
            case 0x12: number = unitStart + reader.U16(); break;                                    // ref2
            case 0x13: number = unitStart + reader.U32(); break;                                    // ref4
            case 0x14: number = unitStart + (long)reader.U64(); break;                              // ref8
            case 0x15: number = unitStart + (long)reader.Uleb(); break;                             // ref_udata
            case 0x16: ReadAttribute(reader, entry, attribute, (int)reader.Uleb(), unitStart, addressSize, strings); return; // indirect
            case 0x17: number = reader.U32(); break;                                                // sec_offset
            case 0x19: number = 1; break;                                                           // flag_present
            case 0x20: number = (long)reader.U64(); break;                                          // ref_sig8
            default: throw new InvalidDataException($"DWARF form 0x{form:x} is not supported");
        }
        switch (attribute)
        {
            case AtName: entry.Name = text; break;
            case AtByteSize: entry.Size = (uint?)number; break;
            case AtType: entry.TypeOffset = (uint?)number; break;
            case AtDeclaration: entry.Declaration = number != 0; break;
            case AtConstValue: entry.Value = number; break;
            case AtDataMemberLocation: entry.Value = number; break;
        }
    }

    // A member's location as a block: DW_OP_plus_uconst N (DWARF 2's way of writing an offset).
    private static long? BlockConstant(DwarfReader reader, int length)
    {
        int end = reader.Position + length;
        long? value = null;
        if (length > 0 && reader.U8() == 0x23)
            value = (long)reader.Uleb();
        reader.Position = end;
        return value;
    }

    private static string StringAt(byte[] strings, uint offset)
    {
        int end = Array.IndexOf(strings, (byte)0, (int)offset);
        return Encoding.UTF8.GetString(strings, (int)offset, (end < 0 ? strings.Length : end) - (int)offset);
    }
}

// Little-endian reads and LEB128 over a section's bytes.
internal sealed class DwarfReader(byte[] bytes)
{
    public int Position { get; set; }

    public byte U8() => bytes[Position++];

    public ushort U16() { ushort value = BitConverter.ToUInt16(bytes, Position); Position += 2; return value; }

    public uint U32() { uint value = BitConverter.ToUInt32(bytes, Position); Position += 4; return value; }

    public ulong U64() { ulong value = BitConverter.ToUInt64(bytes, Position); Position += 8; return value; }

    public void Skip(int count) => Position += count;

    public string CString()
    {
        int end = Array.IndexOf(bytes, (byte)0, Position);
        string text = Encoding.UTF8.GetString(bytes, Position, end - Position);
        Position = end + 1;
        return text;
    }

    public ulong Uleb() => Leb().Value;

    public long Sleb()
    {
        var (value, bits, signed) = Leb();
        return signed && bits < 64 ? (long)value | (-1L << bits) : (long)value;
    }

    // A LEB128 number: its bits, how many, and whether the last byte's sign bit is set.
    private (ulong Value, int Bits, bool Signed) Leb()
    {
        ulong result = 0;
        int shift = 0;
        byte next;
        do
        {
            next = bytes[Position++];
            result |= (ulong)(next & 0x7f) << shift;
            shift += 7;
        } while ((next & 0x80) != 0);
        return (result, shift, (next & 0x40) != 0);
    }
}
