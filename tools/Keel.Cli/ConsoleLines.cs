// Lines of text (build errors, an emulator's or a board's console, messages) go to the
// terminal whole. Spectre's WriteLine wraps at the console's width, mid-word and
// mid-path, which breaks the file(line,col) an editor or terminal links and leaves a
// long error unreadable in a log; only tables are laid out to the width.
using Spectre.Console;

namespace Keel.Cli;

public static class ConsoleLines
{
    public static void WriteWholeLine(this IAnsiConsole console, string line) => console.Profile.Out.Writer.WriteLine(line);
}
