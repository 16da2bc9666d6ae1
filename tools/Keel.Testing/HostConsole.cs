// What code printed through Keel.UserLib.Console outside a HostSystem run (a test of
// logic without tasks): kept per test thread, so tests running side by side do not
// read each other's text. Formatted by userlib's own Console, as on the target.
#nullable enable
using System;
using System.Text;

namespace Keel.Testing;

public static class HostConsole
{
    [ThreadStatic] private static StringBuilder? t_output;

    private static StringBuilder Output => t_output ??= new StringBuilder();

    // What was printed on this thread since the last call, and a fresh start.
    public static string Take()
    {
        string text = Output.ToString();
        Output.Clear();
        return text;
    }

    internal static void Append(string text) => Output.Append(text);
}
