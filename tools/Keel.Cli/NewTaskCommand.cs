// keel new task NAME [--app DIR]: adds a task to an application: a project under
// tasks/NAME (the template of the demo's tasks: Keel.Task.props/.targets and a
// Program.cs whose keel_task_main prints a line and returns) and its [tasks.NAME]
// entry in app.toml, at the lowest priority after the existing tasks, with the demo's
// window sizes. The description is then checked by the generator, as a build would;
// if it refuses, nothing is left changed.
using System.Text;
using Keel.BuildTool.SystemDescription;

using Spectre.Console;

namespace Keel.Cli;

public static class NewTaskCommand
{
    public const string Usage = "keel new task NAME [--app DIR]";
    public const int Stack = 2048;
    public const int Flash = 16384;
    public const int Ram = 4096;
    public const int LowestPriority = 31;

    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || arguments[0] != "task")
            throw CliError.Usage($"new: what to add must be 'task' ({Usage}).");
        var parsed = new Arguments(arguments.Skip(1).ToList(), "new task", [], ["--app"], 1);
        string name = parsed.Positional(0) ?? throw CliError.Usage($"new task: the task needs a name ({Usage}).");
        if (!Identifiers.IsValidName(name))
            throw CliError.Usage($"new task: '{name}' is not a valid task name: {Identifiers.NameRule}.");
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(parsed.Option("--app"), context.CurrentDirectory);

        var existing = AppDescriptionParser.Parse(app.Description, (_, _) => { })
            ?? throw new CliError($"{app.Description} does not parse.", $"keel build {app.Folder}", ExitCodes.BuildFailed);
        if (existing.Tasks.Any(task => task.Name == name))
            throw CliError.Usage($"new task: {Path.GetFileName(app.Folder)} already has a task '{name}'.");
        string folder = Path.Combine(app.Folder, "tasks", name);
        if (Directory.Exists(folder))
            throw CliError.Usage($"new task: {folder} already exists.");
        int priority = existing.Tasks.Select(task => (int)(task.Priority ?? 0)).DefaultIfEmpty(-1).Max() + 1;
        if (priority > LowestPriority)
            throw CliError.Usage($"new task: every priority up to {LowestPriority} is taken.");

        string projectName = Identifiers.Pascal(name);
        string project = Path.Combine(folder, projectName + ".csproj");
        string description = File.ReadAllText(app.Description);
        Directory.CreateDirectory(folder);
        File.WriteAllText(project, ProjectFile(name, Path.GetRelativePath(folder, Path.Combine(workspace.Root, "build"))));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), ProgramFile(name, projectName));
        File.WriteAllText(app.Description, description + Entry(description, name, $"tasks/{name}/{projectName}.csproj", priority));

        var (layout, diagnostics) = SystemCommand.Build(app.Description, workspace.BoardsDirectory);
        if (layout is null)
        {
            File.WriteAllText(app.Description, description);
            Directory.Delete(folder, recursive: true);
            throw CliError.Usage($"new task: the system description refuses task '{name}': {string.Join("; ", diagnostics.Select(d => d.Message))}.");
        }
        context.Console.WriteWholeLine($"Added task '{name}' (priority {priority}): {Path.GetRelativePath(workspace.Root, project)} and its entry in {Path.GetRelativePath(workspace.Root, app.Description)}.");
        context.Console.WriteWholeLine($"Build it with: keel build {Path.GetRelativePath(workspace.Root, app.Folder)}");
        return Task.FromResult(ExitCodes.Success);
    }

    public static string Entry(string description, string name, string project, int priority)
    {
        var text = new StringBuilder();
        if (description.Length > 0 && !description.EndsWith('\n'))
            text.Append('\n');
        text.Append('\n');
        text.Append($"[tasks.{name}]\n");
        text.Append($"project = \"{project}\"\n");
        text.Append($"priority = {priority}\n");
        text.Append($"stack = {Stack}\n");
        text.Append($"flash = {Flash}\n");
        text.Append($"ram = {Ram}\n");
        return text.ToString();
    }

    private static string ProjectFile(string name, string buildFolder)
    {
        string build = buildFolder.Replace('\\', '/');
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- The {name} task (made by keel new task): its own C# program, built into its own MPU-isolated image. -->
              <Import Project="{build}/Keel.Task.props" />
              <Import Project="{build}/Keel.Task.targets" />
            </Project>

            """;
    }

    private static string ProgramFile(string name, string projectName) => $$"""
        // The {{name}} task. Its capabilities are the slots of its [tasks.{{name}}.caps] in
        // app.toml, named in Keel.Tasks.Caps; returning from Main ends the task. Firmware
        // C# has no heap, exceptions or double: docs/csharp.md says what to write instead.
        using System.Runtime.InteropServices;
        using Keel.UserLib;

        namespace Keel.Tasks.{{projectName}}Task
        {
            public static class Program
            {
                [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
                private static void Main()
                {
                    Console.WriteLine("{{name}}: started");
                }
            }
        }

        """;
}
