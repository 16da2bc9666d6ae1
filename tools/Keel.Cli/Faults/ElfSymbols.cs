// The function and data symbols of a linked image (its .symtab, read with ELFSharp),
// for turning an address into "symbol + offset".
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Keel.Cli.Faults;

public sealed record ElfSymbol(string Name, uint Address, uint Size);

public sealed class ElfSymbols
{
    private readonly ElfSymbol[] _symbols;

    public ElfSymbols(IEnumerable<ElfSymbol> symbols)
    {
        // Several names can mark one address (ILC's `_fram0` alias, an export's
        // plain name beside its managed one): keep the most readable one.
        _symbols = symbols
            .GroupBy(symbol => symbol.Address)
            .Select(group => group.OrderBy(Preference).ThenByDescending(symbol => symbol.Size).First())
            .OrderBy(symbol => symbol.Address)
            .ToArray();
    }

    public static ElfSymbols Load(string elfPath)
    {
        using var elf = ELFReader.Load<uint>(elfPath);
        var symbols = new List<ElfSymbol>();
        foreach (var table in elf.GetSections<SymbolTable<uint>>())
        {
            foreach (var entry in table.Entries)
            {
                if ((entry.Type == SymbolType.Function || entry.Type == SymbolType.Object) && entry.Name.Length > 0)
                {
                    // A Thumb function's symbol has bit 0 set; its code starts one lower.
                    uint address = entry.Type == SymbolType.Function ? entry.Value & ~1u : entry.Value;
                    symbols.Add(new ElfSymbol(entry.Name, address, entry.Size));
                }
            }
        }
        return new ElfSymbols(symbols);
    }

    // The symbol whose extent holds `address` (or, for a symbol of unknown size, the
    // nearest one at or below it), with the offset into it.
    public (ElfSymbol Symbol, uint Offset)? Find(uint address)
    {
        int low = 0, high = _symbols.Length - 1, best = -1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (_symbols[middle].Address <= address)
            {
                best = middle;
                low = middle + 1;
            }
            else
                high = middle - 1;
        }
        if (best < 0)
            return null;
        ElfSymbol symbol = _symbols[best];
        uint offset = address - symbol.Address;
        if (symbol.Size != 0 && offset >= symbol.Size)
            return null;
        return (symbol, offset);
    }

    // A managed method's name first, then any name but ILC's `_fram0` aliases.
    private static int Preference(ElfSymbol symbol) =>
        symbol.Name.StartsWith("_fram", StringComparison.Ordinal) ? 2 : ManagedNames.IsManaged(symbol.Name) ? 0 : 1;
}
