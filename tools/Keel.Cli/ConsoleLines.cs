// Lines of text (build errors, an emulator's or a board's console, messages) go to the
// terminal whole. Spectre's WriteLine wraps at the console's width, mid-word and
// mid-path, which breaks the file(line,col) an editor or terminal links and leaves a
// long error unreadable in a log; only tables are laid out to the width.
using Keel.Cli.Faults;
using Spectre.Console;

namespace Keel.Cli;

public static class ConsoleLines
{
    public static void WriteWholeLine(this IAnsiConsole console, string line) => console.Profile.Out.Writer.WriteLine(line);

    // A console line of an image (emulator or board) and, beneath it, what the
    // addresses of a fault report in it are.
    public static void WriteSymbolised(this IAnsiConsole console, string line, FaultSymboliser symboliser)
    {
        console.WriteWholeLine(line);
        foreach (string note in symboliser.Annotate(line))
            console.WriteWholeLine(console.Profile.Capabilities.Ansi ? $"{Yellow}{note}{Plain}" : note);
    }

    // Notes stand out in yellow where the terminal has colour (Spectre's markup would
    // wrap them).
    private const string Yellow = "\u001b[33m", Plain = "\u001b[0m";
}
