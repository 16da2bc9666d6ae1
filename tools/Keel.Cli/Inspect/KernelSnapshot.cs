// The kernel's state read out of a target's memory (live or a dump), with the layout the
// image's DWARF gives (DwarfTypes): no offset of the kernel's structures is written here,
// so a change to them needs no change here, only the field names this reads. The state
// is where the port's `keel_kernel_state` word points (hal/Port/Arm/Exceptions.S).
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Keel.Cli.Inspect;

// The image's facts `keel inspect` needs: the kernel's types and the symbols it starts from.
public sealed class KernelImage(DwarfTypes types, IReadOnlyDictionary<string, uint> symbols)
{
    public const string StateSymbol = "keel_kernel_state";
    public const string StackPaintSymbol = "keel_stack_paint";

    public DwarfTypes Types { get; } = types;

    public uint? Symbol(string name) => symbols.TryGetValue(name, out uint value) ? value : null;

    public static KernelImage Load(string elfPath)
    {
        var symbols = new Dictionary<string, uint>();
        using (var elf = ELFReader.Load<uint>(elfPath))
        {
            foreach (var table in elf.GetSections<SymbolTable<uint>>())
            {
                foreach (var entry in table.Entries)
                {
                    if (entry.Name is StateSymbol or StackPaintSymbol or LiveTarget.KernelExitSymbol)
                        symbols[entry.Name] = entry.Value;
                }
            }
        }
        return new KernelImage(DwarfTypes.Load(elfPath), symbols);
    }
}

// One value of a structure type in memory, read by member name.
public readonly struct Fields(DwarfType type, byte[] bytes, int offset)
{
    public DwarfType Type { get; } = type;

    public uint U(string name)
    {
        DwarfMember member = Type.Member(name);
        int at = offset + (int)member.Offset;
        return (member.Type?.Size ?? 4) switch
        {
            1 => bytes[at],
            2 => BitConverter.ToUInt16(bytes, at),
            _ => BitConverter.ToUInt32(bytes, at),
        };
    }

    public int I(string name)
    {
        DwarfMember member = Type.Member(name);
        int at = offset + (int)member.Offset;
        return (member.Type?.Size ?? 4) switch
        {
            1 => (sbyte)bytes[at],
            2 => BitConverter.ToInt16(bytes, at),
            _ => BitConverter.ToInt32(bytes, at),
        };
    }

    public bool Flag(string name) => U(name) != 0;

    // An enumeration member by its enumerator's name (the number if DWARF names none).
    public string Name(string name)
    {
        uint value = U(name);
        return Type.Member(name).Type?.Enumerators.TryGetValue(value, out string? text) == true ? text : value.ToString();
    }

    public Fields Part(string name)
    {
        DwarfMember member = Type.Member(name);
        return new Fields(member.Type ?? throw new InvalidDataException($"the image's DWARF gives {Type.Name}.{name} no type"), bytes, offset + (int)member.Offset);
    }
}

public sealed class KernelSnapshot
{
    private const string KernelNamespace = "Keel_Kernel_Keel_Kernel_";
    // More elements than any pool holds: a pointer that is not the kernel's.
    private const int MostElements = 65536;

    private KernelSnapshot(Fields state, ITargetMemory memory)
    {
        State = state;
        Threads = Pool(state, "Threads", memory);
        Endpoints = Pool(state, "Endpoints", memory);
        Notifications = Pool(state, "Notifications", memory);
        CNodes = Pool(state, "CNodes", memory);
        Slots = Pool(state, "Slots", memory);
        PriorityLevels = Pool(state, "ReadyQueues", memory).Count;
        Current = state.I("Current");
    }

    public Fields State { get; }

    public IReadOnlyList<Fields> Threads { get; }

    public IReadOnlyList<Fields> Endpoints { get; }

    public IReadOnlyList<Fields> Notifications { get; }

    public IReadOnlyList<Fields> CNodes { get; }

    public IReadOnlyList<Fields> Slots { get; }

    public int PriorityLevels { get; }

    public int Current { get; }

    public static KernelSnapshot Read(KernelImage image, ITargetMemory memory)
    {
        uint pointer = image.Symbol(KernelImage.StateSymbol)
            ?? throw new InvalidDataException($"the image has no symbol {KernelImage.StateSymbol}: it was built by a Keel older than keel inspect (rebuild it)");
        uint address = BitConverter.ToUInt32(memory.Read(pointer, 4));
        if (address == 0)
            throw new InvalidDataException("the kernel has not started yet (its state is not published): let the target run past boot");
        DwarfType type = image.Types[KernelNamespace + "KernelState"];
        return new KernelSnapshot(new Fields(type, memory.Read(address, (int)type.Size), 0), memory);
    }

    // The elements of one of the kernel's pools (an array object: a method table, a
    // length, the elements).
    private static IReadOnlyList<Fields> Pool(Fields state, string name, ITargetMemory memory)
    {
        DwarfType array = state.Type.Member(name).Type?.Target
            ?? throw new InvalidDataException($"the image's DWARF does not say what {state.Type.Name}.{name} refers to");
        uint address = state.U(name);
        if (address == 0)
            return [];
        var header = new Fields(array, memory.Read(address, (int)array.Size), 0);
        int count = header.I("m_NumComponents");
        DwarfMember data = array.Member("m_Data");
        DwarfType element = data.Type?.Target ?? throw new InvalidDataException($"the image's DWARF gives {array.Name} no element type");
        if (count < 0 || count > MostElements || element.Size == 0)
            throw new InvalidDataException($"{state.Type.Name}.{name} at 0x{address:x8} does not hold a pool ({count} elements of {element.Size} bytes)");
        byte[] bytes = memory.Read(address + data.Offset, count * (int)element.Size);
        return Enumerable.Range(0, count).Select(i => new Fields(element, bytes, i * (int)element.Size)).ToArray();
    }
}
