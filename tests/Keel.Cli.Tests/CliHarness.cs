// Runs the keel command in-process as a user would type it, with its terminal output,
// its error output and its exit status captured, and fake host tools where a test
// needs them.
using Keel.Cli;
using Spectre.Console;

namespace Keel.Cli.Tests;

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string Describe() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}

public static class CliHarness
{
    public static string Root { get; } = Workspace.Find(AppContext.BaseDirectory).TreeRoot!;

    public static string DemoFolder => Path.Combine(Root, Workspace.DefaultApplication);

    public static string DemoImage => Path.Combine(DemoFolder, "bin", "netduinoplus2", "policy-demo.elf");

    // The checked layout of an application of the tree (relative to its root) for `board`.
    public static Keel.BuildTool.SystemDescription.SystemLayout Layout(string folder, string board = "netduinoplus2")
    {
        var (layout, diagnostics) = Keel.BuildTool.SystemDescription.SystemCommand.Build(Path.Combine(Root, folder, "app.toml"), Path.Combine(Root, "board"), board);
        return layout ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }

    // A symbol's code address in the demo's image, straight from its symbol table.
    public static uint SymbolAddress(string name)
    {
        using var file = ELFSharp.ELF.ELFReader.Load<uint>(DemoImage);
        return file.GetSections<ELFSharp.ELF.Sections.SymbolTable<uint>>().SelectMany(t => t.Entries).First(e => e.Name == name).Value & ~1u;
    }

    public static async Task<CliResult> RunAsync(string[] arguments, string? searchPath = null, IProcessRunner? runner = null,
        Func<string, string?>? environment = null, string? currentDirectory = null, Func<CliContext, Task<int>>? command = null, bool? isRoot = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        CliContext context = Context(output, searchPath, runner, environment, currentDirectory);
        if (isRoot is bool root)
            context = context with { IsRoot = root };
        int exit = command is null ? await KeelCli.RunAsync(context, arguments, error) : await KeelCli.Guard(error, () => command(context));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static CliContext Context(StringWriter output, string? searchPath = null, IProcessRunner? runner = null,
        Func<string, string?>? environment = null, string? currentDirectory = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return new CliContext(console, currentDirectory ?? Root, runner ?? new ProcessRunner(), environment ?? (_ => null), searchPath);
    }

    // A folder holding executable shell scripts named as the tools they stand in for.
    public static string FakeTools(params (string Name, string Script)[] tools)
    {
        string folder = Directory.CreateTempSubdirectory("keel-tools-").FullName;
        foreach (var (name, script) in tools)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return folder;
    }
}

// Stands in for dotnet (and apt-get): answers each command with a canned result. The
// question where an application's boards are (`dotnet msbuild -getProperty`) goes to
// the real MSBuild, unrecorded, unless the test answers it (`msbuild`).
public sealed class FakeRunner(Func<string, IReadOnlyList<string>, ProcessResult> answer, Func<IReadOnlyList<string>, ProcessResult>? msbuild = null) : IProcessRunner
{
    public List<string> Commands { get; } = [];

    public Task<ProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, Action<string>? onLine = null,
        TimeSpan? timeLimit = null, CancellationToken cancellation = default)
    {
        if (executable == "dotnet" && arguments.Count > 0 && arguments[0] == "msbuild")
            return msbuild is null ? new ProcessRunner().RunAsync(executable, arguments, onLine, timeLimit, cancellation) : Task.FromResult(msbuild(arguments));
        Commands.Add(executable + " " + string.Join(' ', arguments));
        ProcessResult result = answer(executable, arguments);
        foreach (string line in result.Output.Split('\n'))
            onLine?.Invoke(line);
        return Task.FromResult(result);
    }
}

// Test classes that run `dotnet build` or boot images: one at a time.
[CollectionDefinition(Name)]
public class BuildsCollection
{
    public const string Name = "keel builds";
}
