// ILC names a compiled method <assembly>_<namespace>_<type>__<method>, every '.' made
// '_': Keel.Hal's Keel.Hal.Console.Write is `Keel_Hal_Keel_Hal_Console__Write`, task
// Rogue's Keel.Demo.Rogue.Program.Main is `Rogue_Keel_Demo_Rogue_Program__Main`.
// Readable is `Keel.Demo.Rogue.Program.Main (Rogue)`: the assembly ends where the
// namespace starts, taken to be the first later part that is a root namespace Keel's
// code uses (Keel, System, Internal) or the application's own (its name in app.toml, as
// the keel-app template's namespaces are: Orchard's client task is
// `Client_Orchard_Client_Program__Main`). Anything else (assembly routines, exports) is
// shown as it is.
namespace Keel.Cli.Faults;

public static class ManagedNames
{
    private static readonly string[] RootNamespaces = ["Keel", "System", "Internal"];

    public static bool IsManaged(string symbol) => symbol.Contains("__", StringComparison.Ordinal) && !symbol.StartsWith('_');

    public static string Readable(string symbol, IReadOnlyCollection<string>? applicationNamespaces = null)
    {
        if (!IsManaged(symbol))
            return symbol;
        int split = symbol.LastIndexOf("__", StringComparison.Ordinal);
        string method = symbol[(split + 2)..];
        string[] parts = symbol[..split].Split('_', StringSplitOptions.RemoveEmptyEntries);
        int rootNamespace = Array.FindIndex(parts, 1, part => RootNamespaces.Contains(part) || applicationNamespaces?.Contains(part) == true);
        if (rootNamespace < 0)
            return string.Join('.', parts) + "." + method;
        return $"{string.Join('.', parts[rootNamespace..])}.{method} ({string.Join('.', parts[..rootNamespace])})";
    }
}
