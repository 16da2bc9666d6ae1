// keel new task NAME [--app DIR]: adds a task to an application: the keel-task
// template's project under tasks/NAME (finding the SDK as the application's project
// does, ProjectFile) and Program.cs (keel_task_main prints a line and returns), the
// very files `dotnet new keel-task` writes (EmbeddedTemplate.Task), and its [tasks.NAME]
// entry in app.toml, at the lowest priority after the existing tasks, with the demo's
// window sizes. The description is then checked by the generator, as a build would;
// if it refuses, nothing is left changed.
using System.ComponentModel;
using System.Text;
using Keel.BuildTool.SystemDescription;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class NewTaskCommand(CliContext context) : AsyncCommand<NewTaskCommand.Settings>
{
    public const int Stack = 2048;
    public const int Flash = 16384;
    public const int Ram = 4096;
    public const int LowestPriority = 31;

    public sealed class Settings : AddToAppSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The task's name: a lower-case letter, then lower-case letters, digits, '-' and '_'.")]
        public override string Name { get; set; } = "";

        protected override ValidationResult CheckValues() => Identifiers.IsValidName(Name)
            ? ValidationResult.Success()
            : ValidationResult.Error($"new task: '{Name}' is not a valid task name: {Identifiers.NameRule}.");
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        string name = settings.Name;
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        var existing = app.WithoutTask(workspace, "new task", name);
        string folder = Path.Combine(app.Folder, "tasks", name);
        if (Directory.Exists(folder))
            throw CliError.Usage($"new task: {folder} already exists.");
        int priority = existing.Tasks.Select(task => (int)(task.Priority ?? 0)).DefaultIfEmpty(-1).Max() + 1;
        if (priority > LowestPriority)
            throw CliError.Usage($"new task: every priority up to {LowestPriority} is taken.");
        string projectText = ProjectFile(name, app, folder);
        var boards = await app.BoardsAsync(context);

        string projectName = Identifiers.Pascal(name);
        string project = Path.Combine(folder, projectName + ".csproj");
        string description = File.ReadAllText(app.Description);
        Directory.CreateDirectory(folder);
        File.WriteAllText(project, projectText);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), ProgramFile(name, projectName));
        File.WriteAllText(app.Description, description + Entry(description, name, $"tasks/{name}/{projectName}.csproj", priority));

        var (layout, diagnostics) = SystemCommand.Build(app.Description, boards);
        if (layout is null)
        {
            File.WriteAllText(app.Description, description);
            Directory.Delete(folder, recursive: true);
            throw CliError.Usage($"new task: the system description refuses task '{name}': {string.Join("; ", diagnostics.Select(d => d.Message))}.");
        }
        context.Console.WriteWholeLine($"Added task '{name}' (priority {priority}): {workspace.Show(project)} and its entry in {workspace.Show(app.Description)}.");
        context.Console.WriteWholeLine($"Build it with: keel build {workspace.Show(app.Folder)}");
        return ExitCodes.Success;
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

    // The keel-task template's file `path`, for task `name` (its project named `projectName`).
    private static string TemplateText(string path, string name, string projectName)
    {
        var template = EmbeddedTemplate.Task;
        string resource = template.Files().Where(file => file.Path == path).Select(file => file.Resource).FirstOrDefault()
            ?? throw template.Missing($"dotnet new keel-task -n {projectName} -o tasks/{name}");
        return template.Text(resource, projectName, name);
    }

    // The task's project: keel-task's, finding the SDK as the application's project
    // does: through the same Sdk attribute (Keel.Sdk from NuGet, its version pinned in
    // global.json or in the attribute), or, in Keel's own tree, through imports of the
    // same Sdk.props and Sdk.targets by their path from the task's folder.
    public static string ProjectFile(string name, Application app, string taskFolder)
    {
        string project = TemplateText("KeelTask.csproj", name, Identifiers.Pascal(name));
        const string SdkProject = "<Project Sdk=\"Keel.Sdk\">";
        if (app.UsesKeelSdkPackage)
            return project.Replace(SdkProject, $"<Project Sdk=\"{app.SdkAttribute}\">", StringComparison.Ordinal);
        string sdkProps = app.ImportedSdkProps ?? throw CliError.Usage(
            $"new task: {app.Project} neither says Sdk=\"Keel.Sdk\" nor imports Keel's Sdk/Sdk.props, so a task beside it could not find the SDK.");
        string sdk = Path.GetRelativePath(taskFolder, Path.GetDirectoryName(sdkProps)!).Replace('\\', '/');
        return project
            .Replace(SdkProject, $"<Project>\n  <Import Project=\"{sdk}/Sdk.props\" />", StringComparison.Ordinal)
            .Replace("</Project>", $"  <Import Project=\"{sdk}/Sdk.targets\" />\n</Project>", StringComparison.Ordinal);
    }

    private static string ProgramFile(string name, string projectName) => TemplateText("Program.cs", name, projectName);
}
